using System.Globalization;

namespace Fieldlink.Server.Model;

/// <summary>
/// Whether a subscription is failing, and why, in the words the page shows above its row: Fieldlink disabled it (its
/// endpoint answered 410 Gone), a delivery ran out of retries (<c>failingSince</c>, cleared by the next success),
/// deliveries died lately, or some are being retried after failed attempts. A receiver that quietly stopped taking
/// events is the failure an Administrator would otherwise learn of from a customer.
/// </summary>
public static class WebhookWarning
{
    /// <summary>How far back a dead delivery counts as recent.</summary>
    public static readonly TimeSpan Recent = TimeSpan.FromHours(24);

    /// <summary>The warning for <paramref name="row"/>, or null when nothing is failing.</summary>
    public static string? Of(WebhookRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var sentences = new List<string>();
        if (row.DisabledReason is { } reason)
        {
            sentences.Add($"Fieldlink disabled it: {reason}");
        }

        if (row.FailingSince is not null)
        {
            sentences.Add("A delivery ran out of retries; it is failing until a delivery succeeds again.");
        }

        if (row.DeadRecently > 0)
        {
            sentences.Add(Count(row.DeadRecently, "delivery", "deliveries") + $" died in the last {Recent.TotalHours:0} hours.");
        }

        if (row.Retrying > 0)
        {
            sentences.Add(Count(row.Retrying, "delivery is", "deliveries are") + " being retried after failed attempts.");
        }

        return sentences.Count == 0 ? null : string.Join(" ", sentences);
    }

    private static string Count(int count, string one, string many) =>
        count == 1 ? $"1 {one}" : string.Create(CultureInfo.InvariantCulture, $"{count} {many}");
}
