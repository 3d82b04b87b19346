using Fieldlink.Server.Hosting;
using Fieldlink.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Fieldlink.Server.Tests.Hosting;

/// <summary>How <c>--database</c> and <c>--data-dir</c> choose the store.</summary>
public sealed class StorageTargetTests
{
    [Fact]
    public void Nothing_set_means_SQLite_in_the_data_dir()
    {
        using var dir = new TempDirectory();
        var target = StorageTarget.From(Config(("DataDir", Path.Combine(dir.Path, "nested"))));

        Assert.False(target.IsPostgres);
        Assert.Contains(Path.Combine(dir.Path, "nested", "fieldlink.db"), target.ConnectionString, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(dir.Path, "nested")));
    }

    [Theory]
    [InlineData("postgresql://fl:s%40cret@db.example:6543/fieldlink?sslmode=require", "db.example", 6543, "fieldlink", "fl", "s@cret")]
    [InlineData("postgres://fl@db.example/field", "db.example", 5432, "field", "fl", null)]
    [InlineData("Host=db.example;Port=5433;Database=f;Username=u;Password=p", "db.example", 5433, "f", "u", "p")]
    public void A_postgres_uri_or_connection_string_means_PostgreSQL(string database, string host, int port, string name, string user, string? password)
    {
        var target = StorageTarget.From(Config(("Database", database)));

        Assert.True(target.IsPostgres);
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        Assert.Equal(host, builder.Host);
        Assert.Equal(port, builder.Port);
        Assert.Equal(name, builder.Database);
        Assert.Equal(user, builder.Username);
        Assert.Equal(password, builder.Password);
        Assert.DoesNotContain("s@cret", target.Display, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db.example;Database=f", 30)]
    [InlineData("Host=db.example;Database=f;Maximum Pool Size=5", 5)]
    [InlineData("Host=db.example;Database=f;MaxPoolSize=7", 7)]
    [InlineData("postgresql://u@db.example/f", 30)]
    [InlineData("postgresql://u@db.example/f?Maximum%20Pool%20Size=9", 9)]
    public void The_connection_pool_is_capped_unless_the_connection_string_says_otherwise(string database, int maxPoolSize)
    {
        var target = StorageTarget.From(Config(("Database", database)));
        Assert.Equal(maxPoolSize, new NpgsqlConnectionStringBuilder(target.ConnectionString).MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=db.example;Database=f", true)]
    [InlineData("Host=db.example;Database=f;No Reset On Close=false", false)]
    [InlineData("Host=db.example;Database=f;NoResetOnClose=false", false)]
    [InlineData("postgresql://u@db.example/f", true)]
    [InlineData("postgresql://u@db.example/f?No%20Reset%20On%20Close=false", false)]
    public void A_returned_connection_is_not_reset_unless_the_connection_string_asks_for_it(string database, bool noResetOnClose)
    {
        var target = StorageTarget.From(Config(("Database", database)));
        Assert.Equal(noResetOnClose, new NpgsqlConnectionStringBuilder(target.ConnectionString).NoResetOnClose);
    }

    [Fact]
    public void A_path_means_that_SQLite_file_with_foreign_keys_on()
    {
        using var dir = new TempDirectory();
        var target = StorageTarget.From(Config(("Database", Path.Combine(dir.Path, "my.db"))));

        Assert.False(target.IsPostgres);
        Assert.Contains("Foreign Keys=True", target.ConnectionString, StringComparison.Ordinal);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
