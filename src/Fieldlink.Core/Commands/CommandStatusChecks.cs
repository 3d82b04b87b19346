using Fieldlink.Core.Ingestion;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Commands;

/// <summary>What a command's reported outcome must be to be stored, from a connector's sink or the http connector's push.</summary>
public static class CommandStatusChecks
{
    /// <summary>Null when the report can be stored; otherwise its invalid outcome, naming the field.</summary>
    public static IngestionOutcome? Check(CommandStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var errors = new ItemErrors();
        errors.Text("error", report.Error);
        errors.Json("response", report.Response);
        errors.Time("at", report.At, DateTimeOffset.MaxValue);
        return errors.IsEmpty ? null : errors.ToOutcome();
    }
}
