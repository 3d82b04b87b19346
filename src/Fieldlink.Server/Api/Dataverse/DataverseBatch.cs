using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// <c>POST /api/data/v9.2/$batch</c> (multipart/mixed), read and written with the OData library's batch reader and
/// writer. Operations outside change sets run one by one; a change set runs in one transaction, all or nothing: the
/// first failure rolls it back and is its only answer. <c>$1</c> names the record an earlier operation of the change
/// set created, in a URL or an <c>@odata.bind</c>. As the platform does, the batch stops at the first failure unless
/// <c>Prefer: odata.continue-on-error</c>.
/// </summary>
public static class DataverseBatch
{
    public static async Task<IResult> RunAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var root = DataverseApi.ServiceRoot(http.Request);
        var context = DataverseApi.Context(http);
        var continueOnError = http.Request.Headers["Prefer"].Any(p => p?.Contains("odata.continue-on-error", StringComparison.OrdinalIgnoreCase) == true);

        // Buffered, so the library reads the parts without blocking on the network; Kestrel's body limit bounds it.
        var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        body.Position = 0;
        var request = new ODataStreamMessage(body, [new("Content-Type", http.Request.ContentType ?? string.Empty)]) { Url = new Uri(root, "$batch") };
        var output = new MemoryStream();
        var response = new ODataStreamMessage(output);
        try
        {
            using var reader = new ODataMessageReader((IODataRequestMessageAsync)request, new ODataMessageReaderSettings
            {
                BaseUri = root,
                EnableMessageStreamDisposal = false,

                // The platform's limit: a batch holds at most 1000 requests.
                MessageQuotas = new ODataMessageQuotas { MaxPartsPerBatch = 1000, MaxOperationsPerChangeset = 1000 },
            }, DataverseModel.Instance);
            await using var writer = new ODataMessageWriter((IODataResponseMessageAsync)response, new ODataMessageWriterSettings { BaseUri = root, Version = ODataVersion.V4, EnableMessageStreamDisposal = false }, DataverseModel.Instance);
            var batchReader = await reader.CreateODataBatchReaderAsync();
            var batchWriter = await writer.CreateODataBatchWriterAsync();
            await batchWriter.WriteStartBatchAsync();
            await RunPartsAsync(context, root, batchReader, batchWriter, continueOnError);
            await batchWriter.WriteEndBatchAsync();
        }
        catch (ODataException ex)
        {
            return DataverseAnswer.Invalid($"The $batch body cannot be read: {ex.Message}");
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.Headers["OData-Version"] = "4.0";
        http.Response.ContentType = response.GetHeader("Content-Type");
        output.Position = 0;
        await output.CopyToAsync(http.Response.Body, http.RequestAborted);
        return Results.Empty;
    }

    private static async Task RunPartsAsync(DataverseContext context, Uri root, ODataBatchReader reader, ODataBatchWriter writer, bool continueOnError)
    {
        List<(string? ContentId, DataverseAnswer Answer)>? changeSet = null;
        var created = new Dictionary<string, string>(StringComparer.Ordinal);
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction = null;
        DataverseAnswer? failed = null;
        var stopped = false;
        while (!stopped && await reader.ReadAsync())
        {
            switch (reader.State)
            {
                case ODataBatchReaderState.ChangesetStart:
                    changeSet = [];
                    created.Clear();
                    failed = null;
                    transaction = await context.Db.Database.BeginTransactionAsync(context.Cancellation);
                    break;
                case ODataBatchReaderState.Operation:
                    var operation = await reader.CreateOperationRequestMessageAsync();
                    if (changeSet is null)
                    {
                        var answer = await RunAsync(context, root, operation, created);
                        await WriteAsync(writer, operation.ContentId, answer);
                        stopped = answer.IsError && !continueOnError;
                    }
                    else if (failed is null)
                    {
                        var answer = await RunAsync(context with { InChangeSet = true }, root, operation, created);
                        changeSet.Add((operation.ContentId, answer));
                        if (answer.IsError)
                        {
                            failed = answer;
                        }
                        else if (operation.ContentId is { } id && answer.Headers.TryGetValue("OData-EntityId", out var url))
                        {
                            created[id] = url[root.ToString().Length..];
                        }
                    }

                    break;
                case ODataBatchReaderState.ChangesetEnd:
                    if (failed is null)
                    {
                        await transaction!.CommitAsync(context.Cancellation);
                        await writer.WriteStartChangesetAsync();
                        foreach (var (contentId, answer) in changeSet!)
                        {
                            await WriteAsync(writer, contentId, answer);
                        }

                        await writer.WriteEndChangesetAsync();
                    }
                    else
                    {
                        await transaction!.RollbackAsync(context.Cancellation);
                        context.Db.ChangeTracker.Clear();
                        await WriteAsync(writer, changeSet!.Last().ContentId, failed);
                        stopped = !continueOnError;
                    }

                    await transaction.DisposeAsync();
                    transaction = null;
                    changeSet = null;
                    break;
                default:
                    break;
            }
        }

        if (transaction is not null)
        {
            await transaction.RollbackAsync(context.Cancellation);
            await transaction.DisposeAsync();
        }
    }

    /// <summary>One part, with <c>$n</c> references to records made earlier in its change set replaced by their paths.</summary>
    private static async Task<DataverseAnswer> RunAsync(DataverseContext context, Uri root, ODataBatchOperationRequestMessage operation, Dictionary<string, string> created)
    {
        var target = operation.Url.IsAbsoluteUri && operation.Url.ToString().StartsWith(root.ToString(), StringComparison.OrdinalIgnoreCase)
            ? operation.Url.ToString()[root.ToString().Length..]
            : operation.Url.OriginalString.TrimStart('/');
        target = Referenced(target, created);
        var (path, queryText) = target.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? (target[..q], target[q..]) : (target, string.Empty);
        var query = QueryHelpers.ParseQuery(queryText).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var headers = operation.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        JsonNode? body = null;
        await using (var stream = await operation.GetStreamAsync())
        {
            using var text = new StreamReader(stream, Encoding.UTF8);
            var json = await text.ReadToEndAsync(context.Cancellation);
            if (!string.IsNullOrWhiteSpace(json))
            {
                try
                {
                    body = JsonNode.Parse(json);
                }
                catch (JsonException ex)
                {
                    return DataverseAnswer.Invalid($"The body of a $batch part is not valid JSON: {ex.Message}");
                }
            }
        }

        if (body is JsonObject fields)
        {
            foreach (var bind in fields.Where(f => f.Key.EndsWith("@odata.bind", StringComparison.Ordinal) && f.Value is JsonValue).ToList())
            {
                fields[bind.Key] = Referenced((string)bind.Value!, created);
            }
        }

        try
        {
            return await DataverseOperations.RunAsync(context, new DataverseRequest(operation.Method, Uri.UnescapeDataString(path), query, headers, body));
        }
        catch (DbUpdateException ex)
        {
            return DataverseAnswer.Error(StatusCodes.Status409Conflict, DataverseErrors.DuplicateRecord, $"The store refused the change: {ex.InnerException?.Message ?? ex.Message}");
        }
    }

    /// <summary><c>$1</c> or <c>$1/...</c> as the path of the record the change set's part 1 created.</summary>
    private static string Referenced(string target, Dictionary<string, string> created)
    {
        var trimmed = target.TrimStart('/');
        if (!trimmed.StartsWith('$'))
        {
            return target;
        }

        var end = trimmed.IndexOfAny(['/', '?']);
        var id = end < 0 ? trimmed[1..] : trimmed[1..end];
        return created.TryGetValue(id, out var path) ? path + (end < 0 ? string.Empty : trimmed[end..]) : target;
    }

    private static async Task WriteAsync(ODataBatchWriter writer, string? contentId, DataverseAnswer answer)
    {
        var part = await writer.CreateOperationResponseMessageAsync(contentId);
        part.StatusCode = answer.Status;
        part.SetHeader("OData-Version", "4.0");
        foreach (var (name, value) in answer.Headers)
        {
            part.SetHeader(name, value);
        }

        if (answer.Body is not null)
        {
            part.SetHeader("Content-Type", "application/json; odata.metadata=minimal");
            await using var stream = await part.GetStreamAsync();
            await stream.WriteAsync(Encoding.UTF8.GetBytes(answer.Body.ToJsonString(Json.ApiJson.Options)));
        }
    }
}
