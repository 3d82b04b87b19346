namespace Fieldlink.Server.Api.Dataverse;

/// <summary><c>$batch</c>: not yet.</summary>
public static class DataverseBatch
{
    public static IResult RunAsync() => DataverseAnswer.NotSupported("$batch is not supported yet.");
}
