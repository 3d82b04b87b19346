using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Storage.Tests;

/// <summary>
/// Each store runs on its compiled EF Core model (<c>CompiledModel/</c>, made by <c>dotnet ef dbcontext optimize</c>), so a
/// start does not build the model from the entity configurations. A compiled model is a copy: these tests fail when the
/// code's model moved on and nobody regenerated it (docs/architecture.md, "Compiled models").
/// </summary>
public abstract partial class StoreTests
{
    private const string Regenerate = "the compiled model is stale: run `dotnet ef dbcontext optimize` for this store as docs/architecture.md says";

    [Fact]
    public async Task Store_runs_on_its_compiled_model()
    {
        await using var db = NewContext();

        // A model built at run time is a plain RuntimeModel; the compiled one is the generated subclass in the store's assembly.
        Assert.NotEqual(typeof(RuntimeModel), db.Model.GetType());
        Assert.Equal(db.GetType().Assembly, db.Model.GetType().Assembly);
    }

    /// <summary>
    /// Generates the compiled model from the model the code builds now, as <c>dotnet ef dbcontext optimize</c> does, and
    /// compares it with the files in the store's <c>CompiledModel/</c> folder: any change to an entity, its
    /// configuration or EF Core's version that the checked-in model lacks fails here.
    /// </summary>
    [Fact]
    public async Task Compiled_model_is_what_the_code_generates_now()
    {
        await using var db = NewContext();
        var contextType = db.GetType();
        var project = Path.Combine(RepositoryRoot(), "src", contextType.Assembly.GetName().Name!);
        var generated = Directory.CreateTempSubdirectory("compiled-model-");
        try
        {
            var provider = Assembly.Load(db.Database.ProviderName!).GetCustomAttribute<DesignTimeProviderServicesAttribute>()!;
            var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(db);
            ((IDesignTimeServices)Activator.CreateInstance(Type.GetType($"{provider.TypeName}, {db.Database.ProviderName}", throwOnError: true)!)!).ConfigureDesignTimeServices(services);
            using var designServices = services.BuildServiceProvider();
            designServices.GetRequiredService<ICompiledModelScaffolder>().ScaffoldModel(
                db.GetService<IDesignTimeModel>().Model,
                generated.FullName,
                new CompiledModelCodeGenerationOptions
                {
                    ContextType = contextType,
                    ModelNamespace = $"{contextType.Namespace}.CompiledModel",
                    Language = "C#",
                    UseNullableReferenceTypes = true,
                });

            var expected = Files(generated.FullName);
            var actual = Files(Path.Combine(project, "CompiledModel"));
            Assert.True(expected.Keys.Order().SequenceEqual(actual.Keys.Order()), $"{Regenerate}; files generated now: {string.Join(", ", expected.Keys.Order())}");
            var stale = expected.Where(file => file.Value != actual[file.Key]).Select(file => file.Key).ToList();
            Assert.True(stale.Count == 0, $"{Regenerate}; these files differ: {string.Join(", ", stale)}");
        }
        finally
        {
            generated.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The generated files by name, their text without the byte order mark, with one kind of line ending, and without
    /// the model id, a new Guid at every generation.
    /// </summary>
    private static Dictionary<string, string> Files(string directory) =>
        Directory.GetFiles(directory, "*.cs").ToDictionary(
            file => Path.GetFileName(file),
            file => ModelId().Replace(File.ReadAllText(file).TrimStart('\uFEFF').ReplaceLineEndings("\n"), "modelId: new Guid()"));

    [GeneratedRegex("""modelId: new Guid\("[0-9a-f-]+"\)""")]
    private static partial Regex ModelId();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Fieldlink.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Fieldlink.slnx above {AppContext.BaseDirectory}: the test reads the checked-in compiled model from the repository.");
    }
}
