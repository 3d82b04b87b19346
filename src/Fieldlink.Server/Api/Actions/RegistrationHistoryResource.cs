using Fieldlink.Core.Devices;
using Fieldlink.Server.Api.Collections;

namespace Fieldlink.Server.Api.Actions;

/// <summary>A device's registrations, newest first.</summary>
public sealed class RegistrationHistoryResource : ReadResource<RegistrationHistory, RegistrationRead>
{
    public override string Collection => "registrations";

    public override string Noun => "registration";

    public override RegistrationRead ToRead(RegistrationHistory entity) => RegistrationRead.From(entity);

    public override IOrderedQueryable<RegistrationHistory> DefaultOrder(IQueryable<RegistrationHistory> source) => source.OrderByDescending(h => h.CreatedAt);
}
