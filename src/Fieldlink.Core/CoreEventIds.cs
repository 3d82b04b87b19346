namespace Fieldlink.Core;

/// <summary>
/// Every log event id of Fieldlink.Core, grouped by range as its [LoggerMessage] classes are (as npgsql's <c>NpgsqlEventId</c>).
/// Core's ids are 1000–4999; the server has 5000–5999, the MQTT connector 6000–6999, the http connector 7000–7999, the
/// simulator 8000–8999 and storage 9000–9999, so no two projects share an id.
/// </summary>
public static class CoreEventIds
{
    // Plugin loading: 1200–1299 (PluginLog)
    public const int PluginNoDirectory = 1200;
    public const int PluginConnectorLoaded = 1201;
    public const int PluginFailed = 1202;
    public const int PluginLoaded = 1203;

    // Connectors and action routing: 2000–2099 (ConnectorLog)
    public const int ConnectorOpened = 2000;
    public const int ConnectorReopening = 2001;
    public const int ConnectorCloseFailed = 2002;
    public const int ConnectorOpenFailed = 2003;
    public const int ConnectorActionFailed = 2004;
    public const int ConnectorActionCrashed = 2005;
    public const int ConnectorActionTimedOut = 2006;
    public const int ConnectorBatchSplit = 2007;
    public const int ConnectorItemRefused = 2008;
    public const int ConnectionWriteFailed = 2050; // ConnectionLog: the instances' connection state

    // Commands: 2100–2199 (CommandLog)
    public const int CommandRoundFailed = 2100;
    public const int CommandMoved = 2101;
    public const int CommandHandOverFailed = 2102;
    public const int CommandLeaseRenewalFailed = 2103;

    // Alerts: 2200–2299 (AlertLog)
    public const int AlertIngested = 2200;
    public const int AlertAutoPullFailed = 2201;
    public const int AlertAutoPullLeaseRenewalFailed = 2202;
    public const int AlertAnnounceFailed = 2203;

    // Threshold rules: 2300–2399 (ThresholdLog)
    public const int ThresholdApplied = 2300;
    public const int ThresholdApplyFailed = 2301;
    public const int ThresholdGaveUp = 2302;
    public const int ThresholdRulesUnavailable = 2303;
    public const int ThresholdRefreshFailed = 2304;
    public const int ThresholdAlertRefused = 2305;
    public const int ThresholdCanceled = 2306;

    // Cases and work orders: 2400–2499 (CaseLog)
    public const int CaseCreated = 2400;
    public const int CaseMoved = 2401;
    public const int WorkOrderCreated = 2410;
    public const int WorkOrderMoved = 2411;

    // Webhooks: 2700–2799 (WebhookLog)
    public const int WebhookRoundFailed = 2700;
    public const int WebhookAttempted = 2701;
    public const int WebhookDead = 2702;
    public const int WebhookGone = 2703;

    // Readings, their retention, and the ingestion of telemetry and device state: 3000–3099 (ReadingsLog)
    public const int ReadingsRetentionDeleted = 3000;
    public const int ReadingsRetentionFailed = 3001;
    public const int ReadingsTelemetryIngested = 3010;
    public const int ReadingsStateIngested = 3020;
    public const int ReadingsStateRetried = 3021;

    // The live change feed that open pages watch: 3100–3199 (LiveLog)
    public const int LiveSubscriberFailed = 3100;
    public const int LiveUnreadableNotice = 3101;
    public const int LiveNoticeRefused = 3102;
    public const int LiveNoticesGivenUp = 3103;

    // The retention of finished webhook deliveries, dead letters and commands: 3200–3299 (RetentionLog)
    public const int RetentionPruned = 3200;
    public const int RetentionFailed = 3201;

    // The fleet of processes sharing a store: node names, heartbeats, dead nodes' work: 3300–3399 (FleetLog)
    public const int FleetNodeClaimed = 3300;
    public const int FleetWaitingForNode = 3301;
    public const int FleetNodeDead = 3302;
    public const int FleetHeartbeatFailed = 3303;
    public const int FleetTakenAsDead = 3304;
    public const int FleetNameTakenOver = 3305;
    public const int FleetSessionTakenOver = 3306;
    public const int FleetSessionTakeOverFailed = 3307;
    public const int FleetNameTakenAtOnce = 3308;
    public const int FleetSessionTakeOverDropped = 3309;
}
