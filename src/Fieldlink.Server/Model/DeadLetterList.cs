using Fieldlink.Core.Data;
using Fieldlink.Server.Api.DeadLetters;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// Loads a page of the dead letters through the API's collection query layer (as <c>GET /api/v1/deadLetters</c>), with
/// the names of their provider instances in one more query; and the instances a person may filter by, by name.
/// </summary>
public sealed class DeadLetterList(IServiceScopeFactory scopes)
{
    private static readonly DeadLetterResource Resource = new();

    public async Task<ListPage<DeadLetterRow>> LoadAsync(DeadLetterListQuery request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var (letters, total) = await StoreQuery.PageAsync(db.DeadLetters.AsNoTracking(), Resource, request.ToQueryOptions(), ct);
        var instanceIds = letters.Select(l => l.ProviderInstanceId).Distinct().ToList();
        var names = await db.ProviderInstances.AsNoTracking().Where(i => instanceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        return new(letters.Select(l => new DeadLetterRow(
            l.Id, l.ReceivedAt, l.ProviderInstanceId, names.GetValueOrDefault(l.ProviderInstanceId), l.Source, l.DeviceId, l.Reason, l.Payload)).ToList(), total);
    }

    /// <summary>The provider instances whose name holds <paramref name="text"/>, by name (the instance filter's choices).</summary>
    public async Task<IReadOnlyList<NamedRecord>> InstancesAsync(string? text, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var query = CollectionOptions.Parse<Fieldlink.Core.Providers.ProviderInstance>(RecordNames.Options(text), "providerInstances", []);
        return await query.Order(query.Filter(db.ProviderInstances.AsNoTracking()), s => s.OrderBy(i => i.Id))
            .Take(RecordNames.Offered).Select(i => new NamedRecord(i.Id, i.Name)).ToListAsync(ct);
    }
}
