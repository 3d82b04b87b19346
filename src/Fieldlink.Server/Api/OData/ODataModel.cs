using Fieldlink.Core.Alerts;
using Fieldlink.Core.Assets;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Cases;
using Fieldlink.Core.Commands;
using Fieldlink.Core.DeadLetters;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Webhooks;
using Fieldlink.Core.WorkOrders;
using Fieldlink.Server.Api.Actions;
using Fieldlink.Server.Api.Alerts;
using Fieldlink.Server.Api.Assets;
using Fieldlink.Server.Api.Cases;
using Fieldlink.Server.Api.Commands;
using Fieldlink.Server.Api.DeadLetters;
using Fieldlink.Server.Api.Devices;
using Fieldlink.Server.Api.Keys;
using Fieldlink.Server.Api.Providers;
using Fieldlink.Server.Api.Webhooks;
using Fieldlink.Server.Api.WorkOrders;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace Fieldlink.Server.Api.OData;

/// <summary>
/// The one OData model of <c>/api/v1</c>: what <c>$metadata</c> declares, and what <c>$filter</c>, <c>$orderby</c>,
/// <c>$select</c> and <c>$expand</c> are parsed and bound against. Each collection's entity type is the API's answer
/// (<c>DeviceRead</c>: its field names, types and nullability as the JSON serializer writes them), so the declaration
/// cannot drift from the answers; a field that is also a stored column carries that column (the binder reads it), and
/// one that is not, or that is a secret or a free-form document, is declared but not queryable.
/// </summary>
public static class ODataModel
{
    /// <summary>The collections: their set name, stored record and answer; the ones not addressable at <c>/api/v1/{name}</c> are types only.</summary>
    private static readonly ODataCollection[] Collections =
    [
        new("providers", typeof(Provider), typeof(ProviderRead)),
        new("providerInstances", typeof(ProviderInstance), typeof(ProviderInstanceRead)),
        new("devices", typeof(Device), typeof(DeviceRead)),
        new("deviceCategories", typeof(DeviceCategory), typeof(DeviceCategoryRead)),
        new("accounts", typeof(Account), typeof(AccountRead)),
        new("customerAssets", typeof(CustomerAsset), typeof(CustomerAssetRead)),
        new("commands", typeof(Command), typeof(CommandRead)),
        new("alerts", typeof(Alert), typeof(AlertRead)),
        new("cases", typeof(Case), typeof(CaseRead)),
        new("workOrders", typeof(WorkOrder), typeof(WorkOrderRead)),
        new("apiKeys", typeof(ApiKey), typeof(ApiKeyRead)),
        new("webhooks", typeof(WebhookSubscription), typeof(WebhookRead)),
        new("deadLetters", typeof(DeadLetter), typeof(DeadLetterRead)),
        new("registrations", typeof(RegistrationHistory), typeof(RegistrationRead), Addressable: false),
        new("dataHistory", typeof(DeviceDataHistory), typeof(DeviceDataRead), Addressable: false),
        new("webhookDeliveries", typeof(WebhookDelivery), typeof(WebhookDeliveryRead), Addressable: false),
    ];

    /// <summary>Fields an answer shows that no query may name: secrets shown redacted, free-form documents, an Administrator-only detail.</summary>
    private static readonly HashSet<(string Collection, string Field)> NeverQueryable =
    [
        ("providerInstances", "settings"),
        ("commands", "errorDetail"),
        ("deadLetters", "payload"),
    ];

    /// <summary>Fields an answer shows under another name than the stored column's: a command's <c>queuedAt</c> is its <c>createdAt</c>.</summary>
    private static readonly Dictionary<(string Collection, string Field), System.Reflection.PropertyInfo> Aliases = new()
    {
        [("commands", "queuedAt")] = typeof(Command).GetProperty(nameof(Command.CreatedAt))!,
    };

    /// <summary>The references <c>$expand</c> follows.</summary>
    public static IReadOnlyList<ODataNavigation> Navigations { get; } =
    [
        new("devices", "providerInstance", "providerInstances", "providerInstanceId"),
        new("devices", "category", "deviceCategories", "categoryId"),
        new("devices", "customerAsset", "customerAssets", "customerAssetId"),
        new("alerts", "device", "devices", "deviceRecordId"),
        new("alerts", "customerAsset", "customerAssets", "customerAssetId"),
        new("alerts", "parent", "alerts", "parentAlertId"),
        new("alerts", "case", "cases", "caseId"),
        new("alerts", "children", "alerts", "parentAlertId", Many: true),
        new("customerAssets", "account", "accounts", "accountId"),
        new("providerInstances", "provider", "providers", "providerId"),
    ];

    /// <summary>
    /// Built at the first request that needs it, not as the server starts: the convention builder reflects over every
    /// record and answer, some 2,000 methods to compile, and a start (or an idle process) that serves no OData query has
    /// no use for it. Built once, by the first caller while the others wait; an error in it is thrown to each caller
    /// as it was raised (the default <see cref="LazyThreadSafetyMode.ExecutionAndPublication"/> caches it), so every
    /// OData request answers it the same way, and the OData tests, which read <c>$metadata</c>, fail on it.
    /// </summary>
    private static readonly Lazy<BuiltModel> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    public static IEdmModel Instance => Built.Value.Model;

    /// <summary>The names of the collections <c>/api/v1/{name}</c> answers, known without building the model (routes are mapped from them at start).</summary>
    public static IEnumerable<string> CollectionNames => Collections.Where(c => c.Addressable).Select(c => c.Name);

    /// <summary>The collections <c>/api/v1/{name}</c> answers, in the service document's order.</summary>
    public static IEnumerable<IEdmEntitySet> EntitySets => Instance.EntityContainer.EntitySets();

    /// <summary>Whether <c>$filter</c> and <c>$orderby</c> may name <paramref name="property"/> (it is a stored column, and no secret).</summary>
    public static bool IsQueryable(IEdmProperty property) => !Built.Value.NotQueryable.Contains(property);

    /// <summary>The entity type of <paramref name="collection"/> (also of a collection under another, such as a device's registrations).</summary>
    public static IEdmEntityType TypeOf(string collection) =>
        Built.Value.Types.TryGetValue(collection, out var type) ? type : throw new InvalidOperationException($"The OData model has no collection '{collection}'.");

    /// <summary>The collection whose answer is <paramref name="read"/> (<c>DeviceRead</c>: devices), or null.</summary>
    public static string? CollectionOfRead(Type read) => Collections.FirstOrDefault(c => c.Read == read)?.Name;

    /// <summary>The stored record type of <paramref name="collection"/>.</summary>
    public static Type ClrTypeOf(string collection) => Collections.Single(c => c.Name == collection).Entity;

    private static BuiltModel Build()
    {
        var notQueryable = new HashSet<IEdmProperty>();
        var entityTypes = new Dictionary<string, IEdmEntityType>(StringComparer.Ordinal);
        var builder = new ODataConventionModelBuilder { Namespace = "Fieldlink", ContainerName = "Fieldlink" };
        builder.EnableLowerCamelCase();
        builder.Ignore(typeof(Core.Data.Entity));
        var shapes = Collections.ToDictionary(c => c.Name, c => new ReadShape(c.Read), StringComparer.Ordinal);
        var types = new Dictionary<string, EntityTypeConfiguration>(StringComparer.Ordinal);
        foreach (var collection in Collections)
        {
            var type = builder.AddEntityType(collection.Entity);
            type.Namespace = "Fieldlink";
            type.HasKey(collection.Entity.GetProperty(nameof(Core.Data.Entity.Id))!);
            types[collection.Name] = type;
            if (collection.Addressable)
            {
                builder.AddEntitySet(collection.Name, type);
            }
        }

        // The conventions find the stored records' properties when the model is built; then each is kept only when the
        // answer shows it with the same kind of value, with the answer's nullability.
        builder.OnModelCreating = _ =>
        {
            foreach (var collection in Collections)
            {
                var type = types[collection.Name];
                foreach (var property in type.Properties.ToList())
                {
                    var name = ReadShape.FieldName(property.PropertyInfo.Name);
                    if (shapes[collection.Name].Find(name) is not { } field || NeverQueryable.Contains((collection.Name, name))
                        || !ReadShape.SameType(property.PropertyInfo.PropertyType, field.PropertyType))
                    {
                        type.RemoveProperty(property.PropertyInfo);
                    }
                    else
                    {
                        property.Name = name;
                        if (property is StructuralPropertyConfiguration structural)
                        {
                            structural.NullableProperty = field.IsGetNullable;
                        }
                    }
                }
            }
        };

        var model = (EdmModel)builder.GetEdmModel();
        foreach (var collection in Collections)
        {
            var type = (EdmEntityType)model.SchemaElements.OfType<IEdmEntityType>().Single(t => model.GetAnnotationValue<ClrTypeAnnotation>(t)?.ClrType == collection.Entity);
            entityTypes[collection.Name] = type;
            foreach (var field in shapes[collection.Name].Fields.Where(f => type.FindProperty(f.Name) is null))
            {
                var property = type.AddStructuralProperty(field.Name, ReadShape.EdmTypeOf(model, field));
                if (Aliases.TryGetValue((collection.Name, field.Name), out var stored))
                {
                    model.SetAnnotationValue(property, new ClrPropertyInfoAnnotation(stored));
                }
                else
                {
                    notQueryable.Add(property);
                }
            }
        }

        foreach (var navigation in Navigations)
        {
            AddNavigation(model, entityTypes, navigation);
        }

        return new BuiltModel(model, entityTypes, notQueryable);
    }

    private static void AddNavigation(EdmModel model, Dictionary<string, IEdmEntityType> entityTypes, ODataNavigation navigation)
    {
        var source = (EdmEntityType)entityTypes[navigation.Collection];
        var target = entityTypes[navigation.Target];
        var info = new EdmNavigationPropertyInfo { Name = navigation.Name, Target = target };
        if (navigation.Many)
        {
            info.TargetMultiplicity = EdmMultiplicity.Many;
        }
        else
        {
            var foreignKey = (IEdmStructuralProperty)source.FindProperty(navigation.ForeignKey);
            info.TargetMultiplicity = foreignKey.Type.IsNullable ? EdmMultiplicity.ZeroOrOne : EdmMultiplicity.One;
            info.DependentProperties = [foreignKey];
            info.PrincipalProperties = target.Key();
        }

        var property = source.AddUnidirectionalNavigation(info);
        var sourceSet = (EdmEntitySet)model.EntityContainer.FindEntitySet(navigation.Collection);
        sourceSet.AddNavigationTarget(property, model.EntityContainer.FindEntitySet(navigation.Target));
    }

    /// <summary>The model with what building it learnt: each collection's entity type, and the declared fields no query may name.</summary>
    private sealed record BuiltModel(EdmModel Model, Dictionary<string, IEdmEntityType> Types, HashSet<IEdmProperty> NotQueryable);

    private sealed record ODataCollection(string Name, Type Entity, Type Read, bool Addressable = true);
}
