using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace Fieldlink.Core.Data;

/// <summary>
/// Hands out the one <see cref="EntityIdGenerator"/> (it keeps no state). Configured as a factory type rather than a
/// generator type because a compiled model (<c>dotnet ef dbcontext optimize</c>, docs/development.md) can only name a
/// factory it constructs, not a generator instance the model builder made.
/// </summary>
internal sealed class EntityIdGeneratorFactory : ValueGeneratorFactory
{
    private static readonly EntityIdGenerator Generator = new();

    public override ValueGenerator Create(IProperty property, ITypeBase typeBase) => Generator;
}
