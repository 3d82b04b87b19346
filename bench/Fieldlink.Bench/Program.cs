using System.CommandLine;
using Fieldlink.Bench;

var database = new Option<string>("--database")
{
    Description = "A PostgreSQL connection string (Host=...) or URI, or a SQLite file path.",
    Required = true,
    Recursive = true,
};

var points = new Option<long>("--points") { Description = "Readings to write.", DefaultValueFactory = _ => 3_000_000 };
var devices = new Option<int>("--devices") { Description = "Devices reporting.", DefaultValueFactory = _ => 1000 };
var measures = new Option<int>("--measures") { Description = "Values per report (measures per device).", DefaultValueFactory = _ => 5 };
var batch = new Option<int>("--batch") { Description = "Reports per batch (the HTTP API takes at most 1000).", DefaultValueFactory = _ => 1000 };
var writers = new Option<int>("--writers") { Description = "Concurrent writers.", DefaultValueFactory = _ => 2 };
var thresholds = new Option<bool>("--thresholds") { Description = "Puts the devices in a category with thresholds on every measure (low 0, high 30), so threshold rules run." };
var crossingEvery = new Option<int>("--crossing-every") { Description = "With --thresholds: each device's measure0 crosses the high threshold once in this many rounds.", DefaultValueFactory = _ => 1000 };
var telemetryBaseline = new Option<bool>("--baseline") { Description = "Then writes the same rows by binary COPY into a bare table with the same key (PostgreSQL), and prints both and their ratio." };
var telemetry = new Command("telemetry", "Writes readings through the telemetry ingestion path and reports points/s.") { points, devices, measures, batch, writers, thresholds, crossingEvery, telemetryBaseline };
telemetry.SetAction((result, ct) => TelemetryBench.RunAsync(
    Console.Out,
    result.GetValue(database)!,
    new TelemetryBench.Parameters(result.GetValue(points), result.GetValue(devices), result.GetValue(measures), result.GetValue(batch), result.GetValue(writers), result.GetValue(thresholds), result.GetValue(crossingEvery)),
    result.GetValue(telemetryBaseline),
    ct));

var readings = new Option<long>("--readings") { Description = "Readings in the data set (50,000,000 is the target scale).", DefaultValueFactory = _ => 10_000_000 };
var queryDevices = new Option<int>("--devices") { Description = "Devices in the data set.", DefaultValueFactory = _ => 100 };
var queryMeasures = new Option<int>("--measures") { Description = "Measures per device.", DefaultValueFactory = _ => 2 };
var step = new Option<TimeSpan>("--step") { Description = "Time between two readings of a series.", DefaultValueFactory = _ => TimeSpan.FromMinutes(1) };
var runs = new Option<int>("--runs") { Description = "Timed queries (after 10 untimed ones).", DefaultValueFactory = _ => 200 };
var query = new Command("readings-query", "Fills a data set (once) and times 30 days of hourly buckets for one device.") { readings, queryDevices, queryMeasures, step, runs };
query.SetAction((result, ct) => ReadingsQueryBench.RunAsync(
    Console.Out, result.GetValue(database)!, result.GetValue(readings), result.GetValue(queryDevices), result.GetValue(queryMeasures), result.GetValue(step), result.GetValue(runs), ct));

var alertCount = new Option<long>("--alerts") { Description = "Alerts to ingest.", DefaultValueFactory = _ => 200_000 };
var alertDevices = new Option<int>("--devices") { Description = "Devices raising them.", DefaultValueFactory = _ => 1000 };
var alertAssets = new Option<int>("--assets") { Description = "Customer assets the devices are on, round robin (0: none); alerts move their rollups.", DefaultValueFactory = _ => 100 };
var alertBatch = new Option<int>("--batch") { Description = "Alerts per batch (the HTTP API takes at most 1000).", DefaultValueFactory = _ => 1000 };
var alertWriters = new Option<int>("--writers") { Description = "Concurrent writers.", DefaultValueFactory = _ => 2 };
var alertWebhook = new Option<bool>("--webhook") { Description = "Adds a webhook subscription to every alert event first, so each batch writes its outbox rows too." };
var alertsBaseline = new Option<bool>("--baseline") { Description = "Then writes the same alert rows by binary COPY into a bare table (PostgreSQL), and prints both and their ratio." };
var alertsCommand = new Command("alerts", "Ingests alerts with grouping on and reports alerts/s, checking one parent per group.") { alertCount, alertDevices, alertAssets, alertBatch, alertWriters, alertWebhook, alertsBaseline };
alertsCommand.SetAction((result, ct) => AlertsBench.RunAsync(
    Console.Out,
    result.GetValue(database)!,
    new AlertsBench.Parameters(result.GetValue(alertCount), result.GetValue(alertDevices), result.GetValue(alertAssets), result.GetValue(alertBatch), result.GetValue(alertWriters), result.GetValue(alertWebhook)),
    result.GetValue(alertsBaseline),
    ct));

var commandRate = new Option<int>("--rate") { Description = "Commands queued per second.", DefaultValueFactory = _ => 500 };
var commandSeconds = new Option<int>("--seconds") { Description = "How long commands are queued.", DefaultValueFactory = _ => 20 };
var commandDevices = new Option<int>("--devices") { Description = "Devices the commands go to, in turn.", DefaultValueFactory = _ => 100 };
var brokerPort = new Option<int?>("--broker-port") { Description = "An MQTT broker on 127.0.0.1 at this port (e.g. Mosquitto); none runs the embedded broker." };
var warmup = new Option<int>("--warmup") { Description = "Untimed commands first, at the same rate.", DefaultValueFactory = _ => 5000 };
var commandRounds = new Option<int>("--rounds") { Description = "Runs of Fieldlink and of the raw broker round trip, interleaved; medians are reported.", DefaultValueFactory = _ => 3 };
var mqttCommands = new Command("mqtt-commands", "Times commands' round trips through MQTT (queued, sent, acknowledged by a simulated device, Succeeded stored), open loop, beside the raw broker round trip.")
    { commandRate, commandSeconds, commandDevices, brokerPort, warmup, commandRounds };
mqttCommands.SetAction((result, ct) => MqttCommandsBench.RunAsync(
    Console.Out,
    result.GetValue(database)!,
    new MqttCommandsBench.Parameters(result.GetValue(commandRate), result.GetValue(commandSeconds), result.GetValue(commandDevices), result.GetValue(brokerPort), result.GetValue(warmup), result.GetValue(commandRounds)),
    ct));

var sessions = new Option<int>("--sessions") { Description = "Signed-in browser sessions to open.", DefaultValueFactory = _ => 100 };
var hold = new Option<TimeSpan>("--hold") { Description = "Keeps the sessions open this long after measuring, to profile the server.", DefaultValueFactory = _ => TimeSpan.Zero };
var sessionPath = new Option<string>("--path") { Description = "The page each session opens.", DefaultValueFactory = _ => "/" };
var webSessions = new Command("web-sessions", "Opens signed-in pages (the alerts list unless --path) in Chromium, each its own circuit, and reports what they add to the server's memory.") { sessions, sessionPath, hold };
webSessions.SetAction((result, ct) => WebSessionsBench.RunAsync(Console.Out, result.GetValue(database)!, result.GetValue(sessions), result.GetValue(sessionPath)!, result.GetValue(hold), ct));

var chartDevices = new Option<int>("--devices") { Description = "Devices in the data set, each with 30 days of minute readings per measure.", DefaultValueFactory = _ => 20 };
var chartMeasures = new Option<int>("--measures") { Description = "Measures per device, all drawn.", DefaultValueFactory = _ => 2 };
var chartRuns = new Option<int>("--runs") { Description = "Timed chart loads (after 10 untimed ones).", DefaultValueFactory = _ => 100 };
var deviceChart = new Command("device-chart", "Fills 30 days of minute readings (once) and times the device page's chart load for the last 30 days.") { chartDevices, chartMeasures, chartRuns };
deviceChart.SetAction((result, ct) => DeviceChartBench.RunAsync(
    Console.Out, result.GetValue(database)!, result.GetValue(chartDevices), result.GetValue(chartMeasures), result.GetValue(chartRuns), ct));

var listAlerts = new Option<int>("--alerts") { Description = "Parent alerts in the data set (filled once).", DefaultValueFactory = _ => 100_000 };
var listDevices = new Option<int>("--devices") { Description = "Devices raising them.", DefaultValueFactory = _ => 1000 };
var listRuns = new Option<int>("--runs") { Description = "Timed loads per scenario (after 5 untimed ones).", DefaultValueFactory = _ => 50 };
var alertList = new Command("alert-list", "Fills a data set (once) and times the web app's alerts list: first page, later pages, each filter.") { listAlerts, listDevices, listRuns };
alertList.SetAction((result, ct) => AlertListBench.RunAsync(
    Console.Out, result.GetValue(database)!, result.GetValue(listAlerts), result.GetValue(listDevices), result.GetValue(listRuns), ct));

var quick = new Option<bool>("--quick") { Description = "Shorter runs: the whole suite in under 10 minutes." };
var rounds = new Option<int>("--rounds") { Description = "Runs of Fieldlink and of its baseline per figure, interleaved; medians are reported.", DefaultValueFactory = _ => 3 };
var suiteBroker = new Option<int>("--broker-port") { Description = "An MQTT broker (e.g. Mosquitto) on 127.0.0.1 at this port.", Required = true };
var json = new Option<FileInfo?>("--json") { Description = "Also writes the figures to this file: {\"figures\": [{\"name\", \"fieldlink\", \"baseline\", \"ratio\", \"unit\"}]}." };
var only = new Option<string[]>("--only") { Description = "Runs only the figures named (e.g. --only telemetry alerts).", AllowMultipleArgumentsPerToken = true };
var suite = new Command("suite", "Runs every figure beside its raw baseline, interleaved, and prints one line per figure: name fieldlink baseline ratio unit. --database must be PostgreSQL: each figure makes its own database there.")
    { quick, rounds, suiteBroker, json, only };
suite.SetAction((result, ct) => Fieldlink.Bench.Suite.SuiteRunner.RunAsync(
    new Fieldlink.Bench.Suite.SuiteContext(result.GetValue(database)!, result.GetValue(suiteBroker), result.GetValue(quick), result.GetValue(rounds), Console.Out),
    result.GetValue(json)?.FullName,
    result.GetValue(only) ?? [],
    ct));

var root = new RootCommand("Fieldlink benchmarks (not tests): see docs/benchmarks.md.") { database, telemetry, query, alertsCommand, mqttCommands, alertList, deviceChart, webSessions, suite };
// Start-up time and idle memory against an empty ASP.NET Core app (issue 15): StartupBench.cs.
root.Subcommands.Add(StartupBench.Command());

return await root.Parse(args).InvokeAsync();
