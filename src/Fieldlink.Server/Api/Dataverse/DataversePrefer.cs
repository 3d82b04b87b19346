using System.Globalization;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// What a <c>Prefer</c> header asks for: <c>return=representation</c>, <c>odata.maxpagesize=N</c> and
/// <c>odata.include-annotations="…"</c> (formatted values, lookups' logical names).
/// </summary>
public sealed record DataversePrefer(bool ReturnRepresentation, int? MaxPageSize, string? Annotations)
{
    public const string FormattedValue = "OData.Community.Display.V1.FormattedValue";
    public const string LookupLogicalName = "Microsoft.Dynamics.CRM.lookuplogicalname";
    public const string AssociatedNavigationProperty = "Microsoft.Dynamics.CRM.associatednavigationproperty";

    public static DataversePrefer Parse(IEnumerable<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        bool representation = false;
        int? pageSize = null;
        string? annotations = null;
        foreach (var preference in headers.SelectMany(h => h.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var (name, value) = preference.IndexOf('=', StringComparison.Ordinal) is var i and > 0
                ? (preference[..i].Trim(), preference[(i + 1)..].Trim().Trim('"'))
                : (preference, string.Empty);
            if (name.Equals("return", StringComparison.OrdinalIgnoreCase))
            {
                representation = value.Equals("representation", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("odata.maxpagesize", StringComparison.OrdinalIgnoreCase) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0)
            {
                pageSize = size;
            }
            else if (name.Equals("odata.include-annotations", StringComparison.OrdinalIgnoreCase))
            {
                annotations = value;
            }
        }

        return new DataversePrefer(representation, pageSize, annotations);
    }

    /// <summary>Whether the annotation <paramref name="term"/> is asked for (by name, <c>*</c>, or a namespace's <c>Ns.*</c>).</summary>
    public bool Wants(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return Annotations is { } asked && asked.Split(',', StringSplitOptions.TrimEntries).Any(a =>
            a == "*" || a.Equals(term, StringComparison.OrdinalIgnoreCase)
            || (a.EndsWith(".*", StringComparison.Ordinal) && term.StartsWith(a[..^1], StringComparison.OrdinalIgnoreCase)));
    }
}
