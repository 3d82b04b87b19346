using Fieldlink.Core.Outcomes;
using Fieldlink.Server.Api.Actions;
using Fieldlink.Server.Api.Problems;

namespace Fieldlink.Server.Tests.Api.Problems;

/// <summary>The one table from a Core refusal to the API's problem details and a batch result's errorKind.</summary>
public sealed class RefusalProblemsTests
{
    [Theory]
    [InlineData(RefusalKind.NotFound, 404, "No such work order")]
    [InlineData(RefusalKind.Invalid, 400, "Invalid action input")]
    [InlineData(RefusalKind.Conflict, 409, "Conflict")]
    [InlineData(RefusalKind.Stale, 412, "Precondition failed")]
    [InlineData(RefusalKind.InstanceDisabled, 409, "Provider instance disabled")]
    [InlineData(RefusalKind.NotSupported, 501, "Action not supported")]
    [InlineData(RefusalKind.Failed, 502, "The provider's system failed")]
    [InlineData(RefusalKind.TimedOut, 504, "The provider's system did not answer")]
    public void Each_kind_has_its_status_and_title(RefusalKind kind, int status, string title)
    {
        var problem = RefusalProblems.From(new Refusal(kind, "What stands in the way.", Noun: "work order"));

        Assert.Equal(status, problem.StatusCode);
        Assert.Equal(title, problem.ProblemDetails.Title);
        Assert.Equal(
            kind == RefusalKind.Stale ? "The work order has changed since the ETag in If-Match was read; read it again and retry." : "What stands in the way.",
            problem.ProblemDetails.Detail);
    }

    [Fact]
    public void A_conflict_names_the_record_in_the_way_by_its_nouns_id_field()
    {
        var id = Guid.CreateVersion7();

        var problem = RefusalProblems.From(new Refusal(RefusalKind.Conflict, "Open work orders.", Noun: "work order", RecordId: id));

        Assert.Equal(id, problem.ProblemDetails.Extensions["workOrderId"]);
    }

    [Fact]
    public void A_failed_action_carries_the_id_of_the_history_record_it_wrote()
    {
        var id = Guid.CreateVersion7();

        var problem = RefusalProblems.From(new Refusal(RefusalKind.TimedOut, "No answer."), new Dictionary<string, object?> { ["dataHistoryId"] = id });

        Assert.Equal(id, problem.ProblemDetails.Extensions["dataHistoryId"]);
    }

    [Fact]
    public void A_missing_device_is_DeviceNotFound_in_a_batch_result()
    {
        Assert.Equal(ActionErrorKind.DeviceNotFound, RefusalProblems.BatchErrorKind(Core.Actions.ActionRouter.DeviceNotFound(Guid.CreateVersion7())));
        Assert.Equal(ActionErrorKind.TimedOut, RefusalProblems.BatchErrorKind(new Refusal(RefusalKind.TimedOut, "No answer.")));
    }
}
