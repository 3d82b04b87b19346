using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Commands;

/// <summary>Registers commands: their intake, the hand-off to connectors, the status recorder and the dispatcher.</summary>
public static class CommandServices
{
    /// <summary>
    /// Adds <see cref="CommandTransitions"/>, <see cref="CommandIntake"/>, <see cref="CommandDefinitions"/> and <see cref="CommandStatusRecorder"/> (scoped), the <see cref="CommandSignal"/>,
    /// <see cref="CommandMessageNames"/>, <see cref="CommandHandoff"/> and <see cref="CommandGroupCommit"/> (one per process), and the
    /// <see cref="CommandDispatcher"/> as a hosted service, with <see cref="CommandOptions"/> (section <c>Commands</c>,
    /// validated at start).
    /// </summary>
    public static IServiceCollection AddCommands(this IServiceCollection services)
    {
        services.AddOptions<CommandOptions>().BindConfiguration("Commands").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CommandSignal>();
        services.AddSingleton<CommandMessageNames>();
        services.AddSingleton<CommandHandoff>();
        services.AddSingleton<CommandGroupCommit>();
        services.AddScoped<CommandTransitions>();
        services.AddScoped<CommandIntake>();
        services.AddScoped<CommandDefinitions>();
        services.AddScoped<CommandStatusRecorder>();
        services.AddSingleton<CommandDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<CommandDispatcher>());
        return services;
    }
}
