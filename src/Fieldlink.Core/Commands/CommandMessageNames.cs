using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Commands;

/// <summary>
/// The property names of a command message (<c>commandNameProperty</c>, <c>commandParametersProperty</c> of the IoT
/// settings), kept between dispatcher rounds so a round does not read the settings. A change through this process's
/// API takes effect at once (<see cref="Invalidate"/>); one made through another process within a poll interval.
/// </summary>
public sealed class CommandMessageNames(IOptions<CommandOptions> options, TimeProvider time)
{
    private volatile Cached? _cached;

    /// <summary>The property names a command message carries its name and its parameters under.</summary>
    public sealed record Names(string Name, string Parameters);

    /// <summary>The names, read from the settings when not known or older than a poll interval.</summary>
    public async Task<Names> GetAsync(FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        if (_cached is { } cached && now < cached.Until)
        {
            return cached.Names;
        }

        var names = await db.Settings.AsNoTracking().Select(s => new Names(s.CommandNameProperty, s.CommandParametersProperty)).SingleAsync(cancellationToken);
        _cached = new Cached(names, now + options.Value.PollInterval);
        return names;
    }

    /// <summary>Forgets the names; call after the settings changed.</summary>
    public void Invalidate() => _cached = null;

    private sealed record Cached(Names Names, DateTimeOffset Until);
}
