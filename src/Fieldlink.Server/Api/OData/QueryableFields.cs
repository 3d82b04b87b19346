using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace Fieldlink.Server.Api.OData;

/// <summary>
/// Finds what a parsed <c>$filter</c> or <c>$orderby</c> names that the database cannot be asked about: a field that is
/// declared but not a stored column (a document, a secret, a count worked out per answer), or a reference to another
/// record. The parser accepts them (they are in the model); this turns them into the client's 400 instead of the ORM's.
/// </summary>
public static class QueryableFields
{
    /// <summary>Why <paramref name="node"/> cannot run in the database, or null when it can.</summary>
    public static string? Refusal(QueryNode? node) => node switch
    {
        null => null,
        SingleValuePropertyAccessNode access => Property(access.Property) ?? Refusal(access.Source),
        CollectionPropertyAccessNode access => Property(access.Property) ?? Refusal(access.Source),
        SingleComplexNode complex => Property(complex.Property),
        CollectionComplexNode complex => Property(complex.Property),
        SingleNavigationNode navigation => Reference(navigation.NavigationProperty),
        CollectionNavigationNode navigation => Reference(navigation.NavigationProperty),
        SingleValueOpenPropertyAccessNode open => $"'{open.Name}' is not a field here.",
        BinaryOperatorNode binary => Refusal(binary.Left) ?? Refusal(binary.Right),
        UnaryOperatorNode unary => Refusal(unary.Operand),
        ConvertNode convert => Refusal(convert.Source),
        InNode @in => Refusal(@in.Left) ?? Refusal(@in.Right),
        LambdaNode lambda => Refusal(lambda.Source) ?? Refusal(lambda.Body),
        SingleValueFunctionCallNode function => function.Parameters.Select(Refusal).FirstOrDefault(r => r is not null),
        SingleResourceFunctionCallNode function => function.Parameters.Select(Refusal).FirstOrDefault(r => r is not null),
        CollectionFunctionCallNode function => function.Parameters.Select(Refusal).FirstOrDefault(r => r is not null),
        CountNode count => Refusal(count.Source),
        _ => null,
    };

    /// <summary>Why the ordering cannot run in the database, or null.</summary>
    public static string? Refusal(OrderByClause? orderBy)
    {
        for (var clause = orderBy; clause is not null; clause = clause.ThenBy)
        {
            if (Refusal(clause.Expression) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private static string? Property(IEdmProperty property) =>
        property is IEdmNavigationProperty navigation ? Reference(navigation)
        : ODataModel.IsQueryable(property) ? null
        : $"'{property.Name}' is shown in answers but cannot be filtered or ordered on (it is a document, a secret, or worked out for each answer).";

    private static string Reference(IEdmNavigationProperty navigation) =>
        $"'{navigation.Name}' is a reference to another record: filter and order on its id field instead, or read it with $expand.";
}
