using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.DeadLetters;

/// <summary>Registers the dead letters: messages a connector received and could not store.</summary>
public static class DeadLetterServices
{
    /// <summary>Adds <see cref="DeadLetterStore"/> (scoped, over the scoped <c>FieldlinkDbContext</c> the host registers).</summary>
    public static IServiceCollection AddDeadLetters(this IServiceCollection services)
    {
        services.AddScoped<DeadLetterStore>();
        return services;
    }
}
