using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Cli;

public sealed class PostgresUsersCommandTests(PostgresServer server) : UsersCommandTests(server), IClassFixture<PostgresServer>
{
    protected override string Database => server.Database.ConnectionString;
}
