using System.Reflection;
using System.Runtime.Loader;

namespace Fieldlink.Core.Connectors.Plugins;

/// <summary>
/// The load context of one plugin: it finds the plugin's own dependencies through its <c>.deps.json</c> (or beside
/// it), so two plugins may use different versions of a library, but takes <c>Fieldlink.Sdk</c> and every
/// <c>Microsoft.Extensions.*</c> assembly from the host, so that the plugin's <c>Connector</c>, <c>ILogger</c> and
/// the like are the host's very types. Never unloaded: connectors live as long as the process.
/// </summary>
internal sealed class PluginLoadContext(string mainAssemblyPath)
    : AssemblyLoadContext($"plugin:{Path.GetFileNameWithoutExtension(mainAssemblyPath)}", isCollectible: false)
{
    private const string SdkName = "Fieldlink.Sdk";

    private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

    public static bool IsShared(string? name) =>
        name is not null && (name == SdkName || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal));

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName.Name))
        {
            try
            {
                // By simple name, whatever version the plugin was built against: the host's copy is the one.
                return Default.LoadFromAssemblyName(new AssemblyName(assemblyName.Name!));
            }
            catch (Exception ex) when (ex is FileNotFoundException or FileLoadException && assemblyName.Name != SdkName)
            {
                // The host has no such Microsoft.Extensions library: the plugin's own copy serves, as it is not part
                // of the contract between them.
            }
        }

        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override nint LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : 0;
}
