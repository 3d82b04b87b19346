using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fieldlink.Core.Data;

/// <summary>
/// Numbers people can say on the phone (<c>CAS-000045</c>, <c>WO-000123</c>). Each comes from one
/// <c>UPDATE … RETURNING</c> of its counter row, which both databases run atomically: concurrent requests, in any
/// number of processes, never get the same number, and a rolled-back creation gives its number back.
/// </summary>
internal static class RecordNumbers
{
    public const string Table = "RecordCounters";
    public const string Case = "CAS";
    public const string WorkOrder = "WO";

    private const string Take = $"UPDATE \"{Table}\" SET \"{nameof(RecordCounter.Last)}\" = \"{nameof(RecordCounter.Last)}\" + 1 WHERE \"{nameof(RecordCounter.Name)}\" = @name RETURNING \"{nameof(RecordCounter.Last)}\"";

    /// <summary>The next number of <paramref name="prefix"/>, in the context's current transaction if it has one.</summary>
    public static async Task<string> NextAsync(FieldlinkDbContext db, string prefix, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = Take;
            var name = command.CreateParameter();
            name.ParameterName = "@name";
            name.Value = prefix;
            command.Parameters.Add(name);
            var last = await command.ExecuteScalarAsync(cancellationToken)
                ?? throw new InvalidOperationException($"The store has no counter '{prefix}' in {Table}; run its migrations.");
            return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{Convert.ToInt64(last, CultureInfo.InvariantCulture):D6}");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
