using Fieldlink.Core.Data;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>What a create or an update made: the record as stored now, or the error answer.</summary>
public sealed record DataverseWrite(Entity? Record, DataverseAnswer? Error)
{
    public static DataverseWrite Done(Entity record) => new(record, null);

    public static DataverseWrite Failed(DataverseAnswer error) => new(null, error);
}
