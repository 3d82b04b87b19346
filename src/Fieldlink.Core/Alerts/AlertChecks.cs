using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Validation;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Alerts;

/// <summary>What an alert must be to be stored; the errors name each field.</summary>
public static class AlertChecks
{
    /// <summary>Null when the report is valid; otherwise its invalid outcome.</summary>
    public static IngestionOutcome? Check(AlertReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var errors = new ItemErrors();
        errors.DeviceId(report.DeviceId);

        if (string.IsNullOrWhiteSpace(report.Description))
        {
            errors.Add("description", "The description field is required.");
        }
        else if (errors.Text("description", report.Description) && report.Description.Trim().Length > Alert.DescriptionMaxLength)
        {
            errors.Add("description", $"The description must be at most {Alert.DescriptionMaxLength} characters.");
        }

        if (report.AlertType is { } type && !Enum.IsDefined(type))
        {
            errors.Add("alertType", $"The alert type must be one of {string.Join(", ", Enum.GetNames<AlertType>())}.");
        }

        errors.Time("alertTime", report.AlertTime, now);

        if (errors.Json("data", report.Data) && report.Data is not null && report.Data.ToJsonString().Length > Alert.DataMaxLength)
        {
            errors.Add("data", $"The data must be at most {Alert.DataMaxLength} characters of JSON.");
        }

        if (errors.Text("token", report.Token) && report.Token is { Length: > 200 })
        {
            errors.Add("token", "The token must be at most 200 characters.");
        }

        if (report.Url is { } url && (url.OriginalString.Length > 2000 || StorableValues.UrlProblem(url.OriginalString) is not null))
        {
            errors.Add("url", $"The url {StorableValues.UrlProblem(url.OriginalString) ?? "must be at most 2000 characters."}");
        }

        return errors.IsEmpty ? null : errors.ToOutcome();
    }
}
