using System.Reflection;
using Fieldlink.Sdk;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Connectors.Plugins;

/// <summary>
/// Loads connector plugins: every <c>&lt;name&gt;/&lt;name&gt;.dll</c> (or the one assembly with a <c>.deps.json</c> in a
/// folder) and every bare dll of the plugins directory, each in
/// a load context of its own (see <see cref="PluginLoadContext"/>), and makes one object of every public, concrete
/// <see cref="Connector"/> class with a public parameterless constructor. A plugin that cannot be loaded is logged and
/// reported in the result, never thrown, so one bad plugin cannot keep the server from starting.
/// </summary>
public sealed class PluginLoader(ILogger<PluginLoader> logger)
{
    /// <summary>Loads the plugins of <paramref name="directory"/>, in name order; none when it does not exist.</summary>
    public PluginLoadResult Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            PluginLog.NoDirectory(logger, root);
            return PluginLoadResult.Empty;
        }

        var connectors = new List<Connector>();
        var failures = new List<PluginFailure>();
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            if (MainAssembly(folder) is { } main)
            {
                LoadPlugin(main, connectors, failures);
            }
            else
            {
                Fail(failures, folder, $"The folder has neither {Path.GetFileName(folder)}.dll nor one assembly with a .deps.json to load as the plugin.");
            }
        }

        foreach (var file in Directory.GetFiles(root, "*.dll").Order(StringComparer.Ordinal))
        {
            LoadPlugin(file, connectors, failures);
        }

        PluginLog.Loaded(logger, root, connectors.Count, failures.Count);
        return new PluginLoadResult(connectors, failures);
    }

    /// <summary>
    /// The plugin's main assembly: the one named after its folder, or else the only one with a <c>.deps.json</c> (as a
    /// build's output has), so that a build copied into a folder of any name just works.
    /// </summary>
    private static string? MainAssembly(string folder)
    {
        var named = Path.Combine(folder, Path.GetFileName(folder) + ".dll");
        if (File.Exists(named))
        {
            return named;
        }

        var withDeps = Directory.GetFiles(folder, "*.deps.json")
            .Select(deps => deps[..^".deps.json".Length] + ".dll")
            .Where(File.Exists)
            .ToList();
        return withDeps.Count == 1 ? withDeps[0] : null;
    }

    private void LoadPlugin(string file, List<Connector> connectors, List<PluginFailure> failures)
    {
        Type[] types;
        try
        {
            var assembly = new PluginLoadContext(file).LoadFromAssemblyPath(file);
            types = assembly.GetExportedTypes();
        }
        catch (BadImageFormatException ex)
        {
            Fail(failures, file, $"It is not a .NET assembly ({ex.Message}).");
            return;
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or TypeLoadException or ReflectionTypeLoadException or InvalidOperationException)
        {
            Fail(failures, file, $"It or one of its dependencies could not be loaded: {ex.Message}");
            return;
        }

        var found = 0;
        foreach (var type in types.Where(t => t.IsClass && !t.IsAbstract && typeof(Connector).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            found++;
            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                Fail(failures, file, $"The connector {type.FullName} has no public parameterless constructor.");
                continue;
            }

            try
            {
                var connector = (Connector)Activator.CreateInstance(type)!;
                PluginLog.ConnectorLoaded(logger, connector.Key, type.FullName, file);
                connectors.Add(connector);
            }
            catch (Exception ex)
            {
                // Whatever a plugin's constructor or Key throws is the plugin's fault, to be reported, not to stop the host.
                var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
                Fail(failures, file, $"The connector {type.FullName} could not be created: {cause.GetType().Name}: {cause.Message}");
            }
        }

        if (found == 0)
        {
            Fail(failures, file, $"It has no public, non-abstract class deriving from {typeof(Connector).FullName}.");
        }
    }

    private void Fail(List<PluginFailure> failures, string file, string reason)
    {
        PluginLog.PluginFailed(logger, file, reason);
        failures.Add(new PluginFailure(file, reason));
    }
}
