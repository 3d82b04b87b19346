using System.Data.Common;
using System.Text;
using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Fieldlink.Server.Tests.Fuzz;

/// <summary>
/// A cheap fingerprint of the whole store, one query: per table its row count, and where it has them the sum of the
/// versions (every write of a record moves its version) and the latest update. Two equal fingerprints mean nothing
/// was added, removed or changed.
/// </summary>
public sealed class StoreFingerprint
{
    private readonly IServiceProvider _services;
    private readonly string _sql;

    public StoreFingerprint(IServiceProvider services)
    {
        _services = services;
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var selects = new List<string>();
        foreach (var table in db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned())
                     .GroupBy(t => (Name: t.GetTableName()!, Schema: t.GetSchema())).OrderBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var id = StoreObjectIdentifier.Table(table.Key.Name, table.Key.Schema);
            var from = table.Key.Schema is null ? Quote(table.Key.Name) : $"{Quote(table.Key.Schema)}.{Quote(table.Key.Name)}";
            var version = table.SelectMany(t => t.GetProperties()).FirstOrDefault(p => p.Name == nameof(Entity.Version))?.GetColumnName(id);
            var updated = table.SelectMany(t => t.GetProperties()).FirstOrDefault(p => p.Name == nameof(Entity.UpdatedAt))?.GetColumnName(id);
            selects.Add($"SELECT '{table.Key.Name}', COUNT(*), "
                + (version is null ? "NULL" : $"CAST(SUM({Quote(version)}) AS TEXT)") + ", "
                + (updated is null ? "NULL" : $"CAST(MAX({Quote(updated)}) AS TEXT)")
                + $" FROM {from}");
        }

        _sql = string.Join(" UNION ALL ", selects);
    }

    /// <summary>One line per table: <c>Devices 12 34 2026-…</c>.</summary>
    public async Task<string> TakeAsync()
    {
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _sql;
            await using var reader = await command.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                lines.Add($"{reader.GetString(0)} {reader.GetValue(1)} {Text(reader, 2)} {Text(reader, 3)}");
            }

            lines.Sort(StringComparer.Ordinal);
            return string.Join("\n", lines);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>The tables whose line differs, for a failure to name.</summary>
    public static string Difference(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.Split('\n').ToHashSet(StringComparer.Ordinal);
        var changed = new StringBuilder();
        foreach (var line in after.Split('\n').Where(l => !old.Contains(l)))
        {
            var table = line.Split(' ')[0];
            changed.Append("\n    ").Append(before.Split('\n').FirstOrDefault(l => l.Split(' ')[0] == table) ?? table + " (none)").Append("  ->  ").Append(line);
        }

        return changed.ToString();
    }

    private static string Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? "-" : Convert.ToString(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture)!;

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
