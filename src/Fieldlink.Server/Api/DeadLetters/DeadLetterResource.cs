using Fieldlink.Core.DeadLetters;
using Fieldlink.Server.Api.Collections;

namespace Fieldlink.Server.Api.DeadLetters;

/// <summary>Dead letters, newest first.</summary>
public sealed class DeadLetterResource : ReadResource<DeadLetter, DeadLetterRead>
{
    public override string Collection => "deadLetters";

    public override string Noun => "dead letter";

    public override DeadLetterRead ToRead(DeadLetter entity) => DeadLetterRead.From(entity);

    public override IOrderedQueryable<DeadLetter> DefaultOrder(IQueryable<DeadLetter> source) => source.OrderByDescending(d => d.ReceivedAt);
}
