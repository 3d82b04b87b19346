using System.Text.Json.Nodes;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// Errors in the Dataverse Web API's own shape, <c>{"error": {"code": "0x…", "message": "…"}}</c>, which the
/// reference's clients (its SDKs, Power Automate, scripts) parse; the codes are the platform's documented hex codes.
/// </summary>
public static class DataverseErrors
{
    /// <summary>The record does not exist (404).</summary>
    public const string ObjectDoesNotExist = "0x80040217";

    /// <summary>A request field or query option is wrong (400).</summary>
    public const string InvalidArgument = "0x80040203";

    /// <summary>A duplicate record or a key already used (412 on create by key, 409 otherwise).</summary>
    public const string DuplicateRecord = "0x80040237";

    /// <summary>The caller's role may not do this (403).</summary>
    public const string AccessDenied = "0x80040220";

    /// <summary>If-Match named a version that is no longer current (412).</summary>
    public const string ConcurrencyVersionMismatch = "0x80060882";

    /// <summary>What the Web API does not offer here (501 in the platform too).</summary>
    public const string NotSupported = "0x80040216";

    /// <summary>The device's provider failed or did not answer (502/504).</summary>
    public const string ProviderFailed = "0x80040265";

    /// <summary>An answer with <paramref name="statusCode"/> and the error body.</summary>
    public static IResult Result(int statusCode, string code, string message) =>
        TypedResults.Json(Body(code, message), statusCode: statusCode);

    /// <summary>The error body alone (a <c>$batch</c> part writes it inside the multipart answer).</summary>
    public static JsonObject Body(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };
}
