using System.Text.Json.Nodes;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Fieldlink.Server.Api.Dataverse.Actions;

/// <summary>
/// The reference's IoT actions, unbound, on the Dataverse Web API's group: <c>POST /api/data/v9.2/&lt;action&gt;</c> with a
/// JSON object of the input parameters, answered with the action's output parameters. Each is routed to the device's
/// provider by the Core services /api/v1 uses. Every key that may read calls the readings and events; register, pull
/// and send command need a Dispatcher or Administrator key, refused (403) in the Web API's error shape.
/// </summary>
public static class DataverseActionsApi
{
    /// <summary>Maps the actions on <paramref name="dataverse"/>, the group at <c>/api/data/v9.2</c> (its authorization: any key that reads).</summary>
    public static void MapDataverseActions(this IEndpointRouteBuilder dataverse)
    {
        ArgumentNullException.ThrowIfNull(dataverse);
        foreach (var name in new[] { DataverseActionNames.RegisterDevice, DataverseActionNames.IoTHubRegisterDevice })
        {
            Describe(dataverse.MapPost(name, DeviceActionHandlers.RegisterAsync), name, dispatch: true)
                .WithSummary("Registers the devices of EntityCollection with their providers; answers RegistrationResultsJSON.");
        }

        Describe(dataverse.MapPost(DataverseActionNames.RegisterIoTDevice, DeviceActionHandlers.RegisterByIdsAsync), DataverseActionNames.RegisterIoTDevice, dispatch: true)
            .WithSummary("Registers the devices of IoTDeviceIds (ids separated by commas); answers 204, as the reference's older action.");

        foreach (var name in new[] { DataverseActionNames.PullDeviceData, DataverseActionNames.IoTHubPullDeviceData })
        {
            Describe(dataverse.MapPost(name, DeviceActionHandlers.PullAsync), name, dispatch: true)
                .WithSummary("Pulls the current data of the devices of EntityCollection; answers PullDeviceDataResultsJSON.");
        }

        foreach (var name in new[] { DataverseActionNames.QueryDeviceReadings, DataverseActionNames.IoTHubQueryDeviceReadings })
        {
            Describe(dataverse.MapPost(name, ReadingActionHandlers.QueryAsync), name, dispatch: false)
                .WithSummary("Reads the device's readings (IoTDeviceId) from From to To in buckets of Interval; answers AggregatedDeviceReadings.");
        }

        Describe(dataverse.MapPost(DataverseActionNames.GetAggregatedDeviceReadings, ReadingActionHandlers.AggregateAsync), DataverseActionNames.GetAggregatedDeviceReadings, dispatch: false)
            .WithSummary("Computes the aggregates of measures for the device (deviceId); answers measuresOutput.");
        Describe(dataverse.MapPost(DataverseActionNames.GetDeviceEvents, ReadingActionHandlers.EventsAsync), DataverseActionNames.GetDeviceEvents, dispatch: false)
            .WithSummary("Reads the device's events (IoTDeviceId) from From to To; answers EventsData.");
        Describe(dataverse.MapPost(DataverseActionNames.SendCommand, DeviceActionHandlers.SendCommandAsync), DataverseActionNames.SendCommand, dispatch: true)
            .WithSummary("Sends CommandName with Parameters to the devices of EntityCollection as tracked commands; answers SendCommandResultsJSON.");
    }

    // Each MapPost names its handler method itself, so the Request Delegate Generator builds its binding at compile time.
    private static RouteHandlerBuilder Describe(RouteHandlerBuilder endpoint, string name, bool dispatch)
    {
        endpoint
            .WithName(name)
            .WithTags("dataverse actions")
            .Accepts<JsonObject>("application/json");
        if (dispatch)
        {
            // The policy /api/v1's device actions require, checked here so the refusal has the Web API's error shape.
            endpoint.AddEndpointFilter(async (context, next) =>
            {
                var authorization = context.HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();
                var allowed = await authorization.AuthorizeAsync(context.HttpContext.User, AuthPolicies.Dispatch);
                return allowed.Succeeded ? await next(context) : ActionAnswers.Forbidden(name);
            });
        }

        return endpoint;
    }
}
