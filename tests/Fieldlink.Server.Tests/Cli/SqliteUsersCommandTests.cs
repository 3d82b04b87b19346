using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Cli;

public sealed class SqliteUsersCommandTests(SqliteServer server) : UsersCommandTests(server), IClassFixture<SqliteServer>
{
    protected override string Database => server.DatabasePath;
}
