using Fieldlink.Core.Commands;
using Fieldlink.Server.Api.Collections;

namespace Fieldlink.Server.Api.Commands;

/// <summary>Commands, newest first; with <paramref name="withErrorDetail"/> (for Administrators), a refusal's detail too.</summary>
public sealed class CommandResource(bool withErrorDetail) : ReadResource<Command, CommandRead>
{
    /// <summary>The resource as <paramref name="reader"/> may see it: with the error detail for an Administrator only.</summary>
    public static CommandResource For(System.Security.Claims.ClaimsPrincipal reader) =>
        reader?.IsInRole(nameof(Core.Auth.ApiKeyRole.Administrator)) == true ? ForAdministrators : ForOthers;

    private static readonly CommandResource ForAdministrators = new(withErrorDetail: true);

    private static readonly CommandResource ForOthers = new(withErrorDetail: false);

    public override string Collection => "commands";

    public override string Noun => "command";

    public override CommandRead ToRead(Command entity) => CommandRead.From(entity, withErrorDetail);

    public override IOrderedQueryable<Command> DefaultOrder(IQueryable<Command> source) => source.OrderByDescending(c => c.CreatedAt);
}
