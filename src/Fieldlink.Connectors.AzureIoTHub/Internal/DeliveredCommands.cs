using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Connectors.AzureIoTHub.Internal;

/// <summary>
/// The desired-property commands of a provider instance that wait for their devices to report the values back: the
/// instance's Delivered commands in the store (a direct method never stays Delivered: its answer is its outcome).
/// Read when the instance starts, so a restart or a settings change does not leave them Delivered until they expire.
/// </summary>
internal static class DeliveredCommands
{
    /// <summary>A command to watch again.</summary>
    public sealed record Waiting(Guid CommandId, string DeviceId, JsonObject Desired, DateTimeOffset? ExpiresAt);

    public static async Task<IReadOnlyList<Waiting>> LoadAsync(IServiceScopeFactory scopes, Guid providerInstanceId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var rows = await db.Commands.AsNoTracking()
            .Where(c => c.Status == CommandStatus.Delivered)
            .Join(db.Devices.Where(d => d.ProviderInstanceId == providerInstanceId), c => c.DeviceRecordId, d => d.Id, (c, d) => new { c.Id, d.DeviceId, c.Parameters, c.ExpiresAt })
            .ToListAsync(cancellationToken);
        var waiting = new List<Waiting>(rows.Count);
        foreach (var row in rows)
        {
            if (Parse(row.Parameters) is { Count: > 0 } desired)
            {
                waiting.Add(new Waiting(row.Id, row.DeviceId, desired, row.ExpiresAt));
            }
        }

        return waiting;
    }

    private static JsonObject? Parse(string parameters)
    {
        try
        {
            return JsonNode.Parse(parameters) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
