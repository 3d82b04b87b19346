using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Thresholds;

/// <summary>
/// Moves the stored states of measures to their transitions' states, a batch's transitions in one statement, and says
/// which moved: the one statement that decides, across processes, who raises a crossing's alert. On PostgreSQL a
/// concurrent upsert of a row waits for the transaction that holds it and then sees its result; SQLite has one writer.
/// </summary>
/// <remarks>
/// One statement per batch rather than one per transition: every batch with a crossing paid a round trip per change
/// (and a crossing and a return come together), inside the transaction the alert waits for. A row may be upserted only
/// once per statement (PostgreSQL refuses "to affect a row a second time"), so the transitions are sent in rounds,
/// each measure's n-th change in round n, in the order they happen.
/// </remarks>
internal static class ThresholdStateMoves
{
    /// <summary>Rows per statement: 6 parameters each, well under either database's parameter limit.</summary>
    private const int MaxRows = 1000;

    private const string Upsert = """
        INSERT INTO "ThresholdStates" ("DeviceRecordId", "Measure", "State", "At", "Value", "UpdatedAt")
        VALUES {0}
        ON CONFLICT ("DeviceRecordId", "Measure") DO UPDATE
        SET "State" = excluded."State", "At" = excluded."At", "Value" = excluded."Value", "UpdatedAt" = excluded."UpdatedAt"
        WHERE "ThresholdStates"."State" <> excluded."State" AND "ThresholdStates"."At" < excluded."At"
        RETURNING "DeviceRecordId", "Measure"
        """;

    /// <summary>
    /// Applies <paramref name="ordered"/> (in key and time order) unless a row is in that state already or a later
    /// reading changed it; returns, per transition, whether its row moved. Runs in the caller's transaction.
    /// </summary>
    public static async Task<bool[]> MoveAsync(FieldlinkDbContext db, IReadOnlyList<ThresholdTransition> ordered, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var moved = new bool[ordered.Count];
        var converters = new TimeConverters(db);
        var updatedAt = converters.UpdatedAt(now);

        // Round n holds each measure's n-th transition; ordered by key and time, so a measure's are adjacent.
        var rounds = new List<List<int>>();
        var round = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            round = i > 0 && SameMeasure(ordered[i - 1], ordered[i]) ? round + 1 : 0;
            if (round == rounds.Count)
            {
                rounds.Add([]);
            }

            rounds[round].Add(i);
        }

        foreach (var indices in rounds)
        {
            foreach (var chunk in indices.Chunk(MaxRows))
            {
                var values = new StringBuilder();
                var arguments = new object[chunk.Length * 6];
                for (var r = 0; r < chunk.Length; r++)
                {
                    var transition = ordered[chunk[r]];
                    var p = r * 6;
                    values.Append(r == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}})");
                    arguments[p] = transition.DeviceRecordId;
                    arguments[p + 1] = transition.Rule.Measure;
                    arguments[p + 2] = transition.To.ToString();
                    arguments[p + 3] = converters.At(transition.At);
                    arguments[p + 4] = transition.Value;
                    arguments[p + 5] = updatedAt;
                }

                var sql = FormattableStringFactory.Create(Upsert.Replace("{0}", values.ToString(), StringComparison.Ordinal), arguments);
                var changed = await db.Database.SqlQuery<MovedState>(sql).ToListAsync(cancellationToken);
                var keys = changed.Select(c => (c.DeviceRecordId, c.Measure)).ToHashSet();
                foreach (var index in chunk)
                {
                    moved[index] = keys.Contains((ordered[index].DeviceRecordId, ordered[index].Rule.Measure));
                }
            }
        }

        return moved;
    }

    private static bool SameMeasure(ThresholdTransition a, ThresholdTransition b) =>
        a.DeviceRecordId == b.DeviceRecordId && string.Equals(a.Rule.Measure, b.Rule.Measure, StringComparison.Ordinal);

    /// <summary>A row the upsert moved, as RETURNING gives it.</summary>
    private sealed class MovedState
    {
        public Guid DeviceRecordId { get; set; }

        public string Measure { get; set; } = "";
    }

    /// <summary>
    /// Times as this database stores them (SQLite: a number), since SQL of our own gets no value converter; the Guid
    /// needs nothing, as EF binds it the way its provider stores it.
    /// </summary>
    private sealed class TimeConverters(FieldlinkDbContext db)
    {
        private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _at = ConverterOf(db, nameof(MeasureThresholdState.At));
        private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _updatedAt = ConverterOf(db, nameof(MeasureThresholdState.UpdatedAt));

        public object At(DateTimeOffset value) => _at?.ConvertToProvider(value) ?? value;

        public object UpdatedAt(DateTimeOffset value) => _updatedAt?.ConvertToProvider(value) ?? value;

        private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? ConverterOf(FieldlinkDbContext db, string property) =>
            db.Model.FindEntityType(typeof(MeasureThresholdState))!.FindProperty(property)!.GetTypeMapping().Converter;
    }
}
