using System.Data.Common;
using Fieldlink.Core.Data;

namespace Fieldlink.Core.Tests.Data;

/// <summary>Only a data exception (SQLSTATE class 22) is the request's values; everything else stays a fault.</summary>
public sealed class StoreErrorsTests
{
    [Theory]
    [InlineData("22012")]
    [InlineData("22003")]
    [InlineData("22021")]
    public void A_data_exception_is_an_invalid_value_also_when_wrapped(string state)
    {
        Assert.Equal(StoreError.InvalidValue, StoreErrors.Classify(new StateException(state)));
        Assert.Equal(StoreError.InvalidValue, StoreErrors.Classify(new InvalidOperationException("wrapped", new StateException(state))));
    }

    [Theory]
    [InlineData("23505")]
    [InlineData("40001")]
    [InlineData("08006")]
    [InlineData(null)]
    public void Any_other_state_or_exception_is_other(string? state)
    {
        Assert.Equal(StoreError.Other, StoreErrors.Classify(new StateException(state)));
        Assert.Equal(StoreError.Other, StoreErrors.Classify(new InvalidOperationException("22012")));
        Assert.Equal(StoreError.Other, StoreErrors.Classify(null));
    }

    private sealed class StateException(string? state) : DbException("refused")
    {
        public override string? SqlState => state;
    }
}
