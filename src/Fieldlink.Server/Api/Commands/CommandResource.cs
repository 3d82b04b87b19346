using Fieldlink.Core.Commands;
using Fieldlink.Server.Api.Collections;

namespace Fieldlink.Server.Api.Commands;

/// <summary>Commands, newest first.</summary>
public sealed class CommandResource : ReadResource<Command, CommandRead>
{
    public override string Collection => "commands";

    public override string Noun => "command";

    public override CommandRead ToRead(Command entity) => CommandRead.From(entity);

    public override IOrderedQueryable<Command> DefaultOrder(IQueryable<Command> source) => source.OrderByDescending(c => c.CreatedAt);
}
