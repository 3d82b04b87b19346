using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fieldlink.Server.Health;

/// <summary>
/// Writes a health report as JSON, so an operator (or a dashboard) reads which part is not Healthy and why:
/// <c>{"status", "totalDuration", "entries": {"&lt;name&gt;": {"status", "description", "duration", "data"}}}</c>.
/// Durations are <c>hh:mm:ss.fffffff</c> as TimeSpan writes them; an exception's message is the description when
/// the check gave none, never its stack.
/// </summary>
public static class HealthResponseWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";

        // Written to memory first (a report is a few hundred bytes): the response body allows no synchronous writes.
        var buffer = new ArrayBufferWriter<byte>(1024);
        await using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteString("totalDuration", report.TotalDuration.ToString());
        json.WriteStartObject("entries");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description ?? entry.Exception?.Message);
            json.WriteString("duration", entry.Duration.ToString());
            json.WriteStartObject("data");
            foreach (var (key, value) in entry.Data)
            {
                json.WritePropertyName(key);
                JsonSerializer.Serialize(json, value, value?.GetType() ?? typeof(object));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
