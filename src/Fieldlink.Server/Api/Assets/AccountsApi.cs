using Fieldlink.Server.Api.Assets;
using Fieldlink.Server.Api.Collections;

namespace Fieldlink.Server.Api.Assets;

public static class AccountsApi
{
    public static void MapAccountsApi(this IEndpointRouteBuilder api) => api.MapCollection(new AccountResource());
}
