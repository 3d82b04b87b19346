using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Storage.Tests;

/// <summary>Each database's migrations describe the whole model, so an operator's upgrade builds what the code expects.</summary>
public abstract partial class StoreTests
{
    /// <summary>
    /// Fails when an entity or its configuration changed and nobody ran <c>dotnet ef migrations add</c> for this
    /// database: the model would then differ from the snapshot the last migration left.
    /// </summary>
    [Fact]
    public async Task Model_has_no_changes_that_a_migration_does_not_cover()
    {
        await using var db = NewContext();

        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes no migration covers; add a migration to {db.GetType().Assembly.GetName().Name}.");
    }
}
