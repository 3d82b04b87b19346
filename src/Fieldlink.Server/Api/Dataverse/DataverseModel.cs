using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Dataverse.Actions;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// The EDM model of <c>/api/data/v9.2</c>, built from <see cref="DataverseTables"/> with the OData library: the
/// reference's namespace (<c>Microsoft.Dynamics.CRM</c>), logical names, keys, column types, lookups as
/// <c>_x_value</c> columns and single-valued navigation properties. <c>$metadata</c> is written from it, and queries
/// are parsed against it; each property carries the stored property it stands for, so the library's binders turn a
/// <c>$filter</c> into a database query.
/// </summary>
public static class DataverseModel
{
    public const string Namespace = "Microsoft.Dynamics.CRM";

    /// <summary>The model the Web API answers with.</summary>
    public static IEdmModel Instance { get; } = Build();

    /// <summary>
    /// A new model of the tables, WhoAmI and the IoT actions, so <c>$metadata</c> describes all a client may call.
    /// </summary>
    public static EdmModel Build()
    {
        var model = new EdmModel();
        var container = new EdmEntityContainer(Namespace, "System");
        model.AddElement(container);
        var types = new Dictionary<string, EdmEntityType>(StringComparer.Ordinal);
        foreach (var table in DataverseTables.All)
        {
            var type = new EdmEntityType(Namespace, table.LogicalName);
            model.SetAnnotationValue(type, new ClrTypeAnnotation(table.ClrType));
            var key = type.AddStructuralProperty(table.KeyColumn, EdmPrimitiveTypeKind.Guid, isNullable: false);
            type.AddKeys(key);
            Stored(model, key, table.ClrType, nameof(Entity.Id));
            foreach (var column in table.Columns)
            {
                var property = type.AddStructuralProperty(column.Name, column.Type, isNullable: true);
                model.SetAnnotationValue(property, column);
                if (column.StoredProperty is { } stored)
                {
                    Stored(model, property, table.ClrType, stored);
                }
            }

            foreach (var lookup in table.Lookups)
            {
                var value = type.AddStructuralProperty(lookup.ValueColumn, EdmPrimitiveTypeKind.Guid, isNullable: true);
                Stored(model, value, table.ClrType, lookup.StoredProperty);
            }

            model.AddElement(type);
            types[table.EntitySet] = type;
        }

        foreach (var table in DataverseTables.All)
        {
            var type = types[table.EntitySet];
            var set = container.AddEntitySet(table.EntitySet, type);
            foreach (var lookup in table.Lookups)
            {
                type.AddUnidirectionalNavigation(new EdmNavigationPropertyInfo
                {
                    Name = lookup.Navigation,
                    Target = types[lookup.Target],
                    TargetMultiplicity = EdmMultiplicity.ZeroOrOne,
                });
            }
        }

        foreach (var table in DataverseTables.All)
        {
            var set = container.FindEntitySet(table.EntitySet) as EdmEntitySet;
            foreach (var lookup in table.Lookups)
            {
                var navigation = types[table.EntitySet].FindProperty(lookup.Navigation) as IEdmNavigationProperty;
                set!.AddNavigationTarget(navigation!, container.FindEntitySet(lookup.Target));
            }
        }

        var whoAmI = new EdmComplexType(Namespace, "WhoAmIResponse");
        whoAmI.AddStructuralProperty("BusinessUnitId", EdmPrimitiveTypeKind.Guid, isNullable: false);
        whoAmI.AddStructuralProperty("UserId", EdmPrimitiveTypeKind.Guid, isNullable: false);
        whoAmI.AddStructuralProperty("OrganizationId", EdmPrimitiveTypeKind.Guid, isNullable: false);
        model.AddElement(whoAmI);
        var function = new EdmFunction(Namespace, "WhoAmI", new EdmComplexTypeReference(whoAmI, isNullable: false), isBound: false, entitySetPathExpression: null, isComposable: false);
        model.AddElement(function);
        container.AddFunctionImport("WhoAmI", function, entitySet: null, includeInServiceDocument: false);

        // The IoT actions (Actions/), so $metadata describes what a client may call as well as the tables.
        model.AddDataverseActions();
        return model;
    }

    /// <summary>Says which stored property <paramref name="property"/> stands for, so the binders read that one.</summary>
    private static void Stored(EdmModel model, EdmStructuralProperty property, Type clrType, string name)
    {
        var stored = clrType.GetProperty(name) ?? throw new InvalidOperationException($"{clrType.Name} has no property {name} for {property.Name}.");
        model.SetAnnotationValue(property, new ClrPropertyInfoAnnotation(stored));
    }
}
