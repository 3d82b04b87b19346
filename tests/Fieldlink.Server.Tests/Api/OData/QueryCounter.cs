using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fieldlink.Server.Tests.Api.OData;

/// <summary>Counts the database queries of each HTTP request that carries an <see cref="Header"/>, by its value.</summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    public const string Header = "X-Test-Query-Count";

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public IHttpContextAccessor? Http { get; set; }

    public int this[string marker] => _counts.GetValueOrDefault(marker);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Http?.HttpContext?.Request.Headers[Header].ToString() is { Length: > 0 } marker)
        {
            _counts.AddOrUpdate(marker, 1, (_, count) => count + 1);
        }

        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
