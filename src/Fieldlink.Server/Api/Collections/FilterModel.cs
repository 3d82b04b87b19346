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
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace Fieldlink.Server.Api.Collections;

/// <summary>
/// The OData model of what $filter and $orderby may name: the stored records, with camelCase names that are
/// the API's field names. Secrets and free-form JSON documents are left out, so no filter can probe them.
/// </summary>
public static class FilterModel
{
    public static IEdmModel Instance { get; } = Build();

    private static EdmModel Build()
    {
        var builder = new ODataConventionModelBuilder { Namespace = "Fieldlink" };
        builder.EnableLowerCamelCase();
        builder.EntityType<Core.Data.Entity>().HasKey(e => e.Id);
        builder.EntitySet<Provider>("providers");
        builder.EntitySet<ProviderInstance>("providerInstances").EntityType.Ignore(p => p.Settings);
        var devices = builder.EntitySet<Device>("devices").EntityType;
        devices.Ignore(d => d.ReportedProperties);
        devices.Ignore(d => d.Tiles);
        var categories = builder.EntitySet<DeviceCategory>("deviceCategories").EntityType;
        categories.Ignore(c => c.Commands);
        categories.Ignore(c => c.Tiles);
        builder.EntitySet<Account>("accounts");
        builder.EntitySet<CustomerAsset>("customerAssets");
        builder.EntitySet<RegistrationHistory>("registrations");
        builder.EntitySet<DeviceDataHistory>("dataHistory").EntityType.Ignore(h => h.ReportedProperties);
        var commands = builder.EntitySet<Command>("commands").EntityType;
        commands.Ignore(c => c.Parameters);
        commands.Ignore(c => c.Response);
        commands.Ignore(c => c.ErrorDetail); // Administrators only: a filter must not probe it
        commands.Ignore(c => c.LeaseOwner);
        commands.Ignore(c => c.LeaseUntil);
        var alerts = builder.EntitySet<Alert>("alerts").EntityType;
        alerts.Ignore(a => a.Data);
        alerts.Ignore(a => a.GroupKey);
        alerts.Ignore(a => a.AutoPullPending);
        builder.EntitySet<Case>("cases");
        builder.EntitySet<WorkOrder>("workOrders");
        var keys = builder.EntitySet<ApiKey>("apiKeys").EntityType;
        keys.Ignore(k => k.Hash);
        var webhooks = builder.EntitySet<WebhookSubscription>("webhooks").EntityType;
        webhooks.Ignore(w => w.Secret);
        webhooks.Ignore(w => w.PreviousSecret);
        webhooks.Ignore(w => w.EventTypes);
        var deliveries = builder.EntitySet<WebhookDelivery>("webhookDeliveries").EntityType;
        deliveries.Ignore(d => d.Payload);
        deliveries.Ignore(d => d.AttemptLog);
        deliveries.Ignore(d => d.LeaseOwner);
        deliveries.Ignore(d => d.LeaseUntil);
        builder.EntitySet<DeadLetter>("deadLetters").EntityType.Ignore(d => d.Payload);
        var model = (EdmModel)builder.GetEdmModel();
        Alias(model, "Fieldlink.Command", "queuedAt", typeof(Command).GetProperty(nameof(Command.CreatedAt))!);
        return model;
    }

    /// <summary>
    /// Lets $filter and $orderby name a stored field by the name a record shows it under (a command's createdAt is
    /// shown as queuedAt): a property of that name whose CLR property is the stored one, which the binder reads.
    /// </summary>
    private static void Alias(EdmModel model, string typeName, string name, System.Reflection.PropertyInfo stored)
    {
        var type = (EdmEntityType)model.FindDeclaredType(typeName);
        var kind = stored.PropertyType == typeof(DateTimeOffset) ? EdmPrimitiveTypeKind.DateTimeOffset : throw new NotSupportedException(stored.PropertyType.Name);
        var property = type.AddStructuralProperty(name, kind, isNullable: false);
        model.SetAnnotationValue(property, new ClrPropertyInfoAnnotation(stored));
    }
}
