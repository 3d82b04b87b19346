using Fieldlink.Core.Auth;

namespace Fieldlink.Server.Components.Dialogs;

/// <summary>What each role may do, in the words of API.md, under a role picker.</summary>
public static class PersonRoleHelp
{
    public static string Of(string? role) => role switch
    {
        PersonRoles.Administrator => "Everything, the administration pages included.",
        PersonRoles.Dispatcher => "Reads everything; acts on devices, alerts, commands, cases and work orders.",
        PersonRoles.Technician => "Reads only.",
        _ => "What the person may do.",
    };
}
