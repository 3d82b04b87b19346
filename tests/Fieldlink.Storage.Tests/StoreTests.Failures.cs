using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Storage.Tests;

/// <summary>
/// Issue 9: a connector retries what the store refuses only when <see cref="FieldlinkDbContext.Classify"/> says the
/// failure passes, and dead-letters the rest; so a store that is down must classify as transient, and a value the
/// database refuses must not (else one message would be retried for ever).
/// </summary>
public abstract partial class StoreTests
{
    /// <summary>A context on a store that cannot be reached (nothing listens, or its directory is missing).</summary>
    protected abstract FieldlinkDbContext UnreachableContext();

    [Fact]
    public async Task A_store_that_cannot_be_reached_is_a_failure_that_passes()
    {
        await using var db = UnreachableContext();

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => db.Devices.AnyAsync());

        Assert.Equal(StoreError.Transient, db.Classify(exception));
    }

    [Fact]
    public async Task A_value_the_database_refuses_is_a_failure_that_does_not_pass()
    {
        var instance = await AddInstanceAsync();

        // A required column left empty: every database refuses it, and trying again changes nothing.
        var error = await RefusedAsync(db => db.Devices.Add(new() { Name = null!, DeviceId = "d-1", ProviderInstanceId = instance.Id }));

        Assert.Equal(StoreError.Other, error);
    }
}
