using Fieldlink.Server.Cli;

return await FieldlinkCli.RunAsync(args);

/// <summary>The entry point; public so the HTTP tests can start the real server with WebApplicationFactory.</summary>
public partial class Program;
