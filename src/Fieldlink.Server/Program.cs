using Fieldlink.Server.Cli;

// The `fieldlink` command line: serve (also with no command), migrate, keys, users; see Cli/FieldlinkCli.cs.
// What the server it serves is made of is Hosting/Extensions.cs, the app's table of contents: AddFieldlinkServices
// (the store, each feature's services and workers) and MapFieldlink (each feature's endpoints, app.Map<Feature>Api()).
return await FieldlinkCli.RunAsync(args);

/// <summary>The entry point; public so the HTTP tests can start the real server with WebApplicationFactory.</summary>
public partial class Program;
