using System.Linq.Expressions;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// Turns a stored enum (or flag) into the option-set value the reference shows, inside the query, so
/// <c>$filter=msdyn_alerttype eq 192350002</c> and <c>$orderby=statecode</c> run in the database: a CASE over the
/// stored values, which both databases evaluate.
/// </summary>
public static class OptionSetExpressions
{
    public static Expression Convert(IEdmModel model, IEdmProperty property, Expression stored)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stored);
        if (model.GetAnnotationValue<DataverseColumn>(property) is not { Options: { } options } column)
        {
            return stored;
        }

        var storedType = Nullable.GetUnderlyingType(stored.Type) ?? stored.Type;
        var valueType = column.Type == EdmPrimitiveTypeKind.Boolean ? typeof(bool) : typeof(int);
        var comparable = storedType == stored.Type ? stored : Expression.Convert(stored, storedType);
        Expression result = Expression.Constant(valueType == typeof(bool) ? false : -1, valueType);
        foreach (var option in options.Reverse())
        {
            var member = storedType.IsEnum ? Enum.Parse(storedType, option.Member) : bool.Parse(option.Member);
            var value = valueType == typeof(bool) ? (object)(bool)option.Value : System.Convert.ToInt32(option.Value, System.Globalization.CultureInfo.InvariantCulture);
            result = Expression.Condition(Expression.Equal(comparable, Expression.Constant(member, storedType)), Expression.Constant(value, valueType), result);
        }

        return result;
    }
}

/// <summary>The OData library's filter binder, with option-set columns read as the reference's values.</summary>
internal sealed class DataverseFilterBinder : FilterBinder
{
    public override Expression BindPropertyAccessQueryNode(SingleValuePropertyAccessNode propertyAccessNode, QueryBinderContext context)
    {
        ArgumentNullException.ThrowIfNull(propertyAccessNode);
        ArgumentNullException.ThrowIfNull(context);
        return OptionSetExpressions.Convert(context.Model, propertyAccessNode.Property, base.BindPropertyAccessQueryNode(propertyAccessNode, context));
    }
}

/// <summary>The OData library's order-by binder, with option-set columns ordered by the reference's values.</summary>
internal sealed class DataverseOrderByBinder : OrderByBinder
{
    public override Expression BindPropertyAccessQueryNode(SingleValuePropertyAccessNode propertyAccessNode, QueryBinderContext context)
    {
        ArgumentNullException.ThrowIfNull(propertyAccessNode);
        ArgumentNullException.ThrowIfNull(context);
        return OptionSetExpressions.Convert(context.Model, propertyAccessNode.Property, base.BindPropertyAccessQueryNode(propertyAccessNode, context));
    }
}
