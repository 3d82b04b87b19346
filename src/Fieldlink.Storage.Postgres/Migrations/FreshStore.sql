CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL,
    CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId")
);

CREATE TABLE "Accounts" (
    "Id" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "AccountNumber" text,
    "Email" text,
    "Phone" text,
    "Address" text,
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Accounts" PRIMARY KEY ("Id")
);

CREATE TABLE "DeviceCategories" (
    "Id" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Description" text,
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "Measures" jsonb,
    CONSTRAINT "PK_DeviceCategories" PRIMARY KEY ("Id")
);

CREATE TABLE "Providers" (
    "Id" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Connector" character varying(100) NOT NULL,
    "Description" text,
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Providers" PRIMARY KEY ("Id")
);

CREATE TABLE "CustomerAssets" (
    "Id" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "AccountId" uuid,
    "SerialNumber" text,
    "Location" text,
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_CustomerAssets" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_CustomerAssets_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ProviderInstances" (
    "Id" uuid NOT NULL,
    "ProviderId" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "InstanceId" text,
    "Url" text,
    "Enabled" boolean NOT NULL,
    "Settings" jsonb NOT NULL,
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_ProviderInstances" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ProviderInstances_Providers_ProviderId" FOREIGN KEY ("ProviderId") REFERENCES "Providers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ApiKeys" (
    "Id" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Role" character varying(40) NOT NULL,
    "ProviderInstanceId" uuid,
    "Prefix" character varying(20) NOT NULL,
    "Hash" character varying(64) NOT NULL,
    "LastUsedAt" timestamp with time zone,
    "RevokedAt" timestamp with time zone,
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_ApiKeys" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ApiKeys_ProviderInstances_ProviderInstanceId" FOREIGN KEY ("ProviderInstanceId") REFERENCES "ProviderInstances" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Devices" (
    "Id" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "DeviceId" character varying(200) NOT NULL,
    "ProviderInstanceId" uuid NOT NULL,
    "AccountId" uuid,
    "CategoryId" uuid,
    "CustomerAssetId" uuid,
    "TimeZone" character varying(100),
    "Simulated" boolean NOT NULL,
    "RegistrationStatus" character varying(40) NOT NULL,
    "RegistrationMessage" text,
    "ConnectionState" character varying(40) NOT NULL,
    "ConnectionStateChangedAt" timestamp with time zone,
    "LastActivityAt" timestamp with time zone,
    "ReportedProperties" jsonb NOT NULL,
    "Tags" text[] NOT NULL,
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Devices" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Devices_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Devices_CustomerAssets_CustomerAssetId" FOREIGN KEY ("CustomerAssetId") REFERENCES "CustomerAssets" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Devices_DeviceCategories_CategoryId" FOREIGN KEY ("CategoryId") REFERENCES "DeviceCategories" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Devices_ProviderInstances_ProviderInstanceId" FOREIGN KEY ("ProviderInstanceId") REFERENCES "ProviderInstances" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Settings" (
    "Id" uuid NOT NULL,
    "DefaultProviderInstanceId" uuid,
    "AlertGroupingEnabled" boolean NOT NULL,
    "AlertGroupingFields" text[] NOT NULL,
    "AlertGroupingWindow" interval NOT NULL,
    "AutoPullOnAlert" boolean NOT NULL,
    "ScheduledPullsEnabled" boolean NOT NULL,
    "ScheduledPullInterval" interval NOT NULL,
    "CommandNameProperty" character varying(100) NOT NULL,
    "CommandParametersProperty" character varying(100) NOT NULL,
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Settings" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Settings_ProviderInstances_DefaultProviderInstanceId" FOREIGN KEY ("DefaultProviderInstanceId") REFERENCES "ProviderInstances" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Accounts_Name" ON "Accounts" ("Name");

CREATE UNIQUE INDEX "IX_ApiKeys_Hash" ON "ApiKeys" ("Hash");

CREATE INDEX "IX_ApiKeys_ProviderInstanceId" ON "ApiKeys" ("ProviderInstanceId");

CREATE INDEX "IX_CustomerAssets_AccountId" ON "CustomerAssets" ("AccountId");

CREATE UNIQUE INDEX "IX_DeviceCategories_Name" ON "DeviceCategories" ("Name");

CREATE INDEX "IX_Devices_AccountId" ON "Devices" ("AccountId");

CREATE INDEX "IX_Devices_CategoryId" ON "Devices" ("CategoryId");

CREATE INDEX "IX_Devices_CustomerAssetId" ON "Devices" ("CustomerAssetId");

CREATE INDEX "IX_Devices_Name" ON "Devices" ("Name");

CREATE UNIQUE INDEX "IX_Devices_ProviderInstanceId_DeviceId" ON "Devices" ("ProviderInstanceId", "DeviceId");

CREATE INDEX "IX_ProviderInstances_ProviderId" ON "ProviderInstances" ("ProviderId");

CREATE UNIQUE INDEX "IX_Providers_Name" ON "Providers" ("Name");

CREATE INDEX "IX_Settings_DefaultProviderInstanceId" ON "Settings" ("DefaultProviderInstanceId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126071827_Initial', '10.0.15');

CREATE TABLE "Readings" (
    "SeriesId" integer NOT NULL,
    "Timestamp" timestamp with time zone NOT NULL,
    "Value" double precision NOT NULL,
    CONSTRAINT "PK_Readings" PRIMARY KEY ("SeriesId", "Timestamp") INCLUDE ("Value")
) WITH (autovacuum_vacuum_insert_scale_factor = 0.005, autovacuum_vacuum_insert_threshold = 100000);

CREATE TABLE "ReadingSeries" (
    "Id" integer GENERATED BY DEFAULT AS IDENTITY,
    "DeviceRecordId" uuid NOT NULL,
    "Measure" character varying(100) NOT NULL,
    CONSTRAINT "PK_ReadingSeries" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ReadingSeries_Devices_DeviceRecordId" FOREIGN KEY ("DeviceRecordId") REFERENCES "Devices" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ReadingSeries_DeviceRecordId_Measure" ON "ReadingSeries" ("DeviceRecordId", "Measure");

CREATE FUNCTION "ReadingSeries_DeleteReadings"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "Readings" WHERE "SeriesId" = OLD."Id";
    RETURN OLD;
END
$$;
CREATE TRIGGER "ReadingSeries_DeleteReadings" AFTER DELETE ON "ReadingSeries"
    FOR EACH ROW EXECUTE FUNCTION "ReadingSeries_DeleteReadings"();

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126075018_Readings', '10.0.15');

CREATE TABLE "Commands" (
    "Id" uuid NOT NULL,
    "DeviceRecordId" uuid NOT NULL,
    "CustomerAssetId" uuid,
    "Name" character varying(200) NOT NULL,
    "Parameters" text NOT NULL,
    "AlertId" uuid,
    "Status" character varying(40) NOT NULL,
    "SentAt" timestamp with time zone,
    "DeliveredAt" timestamp with time zone,
    "CompletedAt" timestamp with time zone,
    "ExpiresAt" timestamp with time zone,
    "TimeoutAt" timestamp with time zone,
    "Response" text,
    "Error" character varying(2000),
    "IdempotencyKey" character varying(200),
    "Attempts" integer NOT NULL,
    "LeaseOwner" character varying(100),
    "LeaseUntil" timestamp with time zone,
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Commands" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Commands_CustomerAssets_CustomerAssetId" FOREIGN KEY ("CustomerAssetId") REFERENCES "CustomerAssets" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Commands_Devices_DeviceRecordId" FOREIGN KEY ("DeviceRecordId") REFERENCES "Devices" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DeviceDataHistory" (
    "Id" uuid NOT NULL,
    "DeviceRecordId" uuid NOT NULL,
    "Outcome" character varying(40) NOT NULL,
    "Status" character varying(40),
    "ConnectionState" character varying(40),
    "ConnectionStateChangedAt" timestamp with time zone,
    "ReportedProperties" text,
    "LastActivityAt" timestamp with time zone,
    "Message" character varying(2000),
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_DeviceDataHistory" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_DeviceDataHistory_Devices_DeviceRecordId" FOREIGN KEY ("DeviceRecordId") REFERENCES "Devices" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RegistrationHistory" (
    "Id" uuid NOT NULL,
    "DeviceRecordId" uuid NOT NULL,
    "Status" character varying(40) NOT NULL,
    "Outcome" character varying(40) NOT NULL,
    "ProviderDeviceId" character varying(200),
    "Message" character varying(2000),
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_RegistrationHistory" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_RegistrationHistory_Devices_DeviceRecordId" FOREIGN KEY ("DeviceRecordId") REFERENCES "Devices" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Commands_CustomerAssetId" ON "Commands" ("CustomerAssetId");

CREATE INDEX "IX_Commands_DeviceRecordId_CreatedAt" ON "Commands" ("DeviceRecordId", "CreatedAt");

CREATE UNIQUE INDEX "IX_Commands_IdempotencyKey_DeviceRecordId" ON "Commands" ("IdempotencyKey", "DeviceRecordId");

CREATE INDEX "IX_Commands_Status_CreatedAt" ON "Commands" ("Status", "CreatedAt");

CREATE INDEX "IX_DeviceDataHistory_DeviceRecordId_CreatedAt" ON "DeviceDataHistory" ("DeviceRecordId", "CreatedAt");

CREATE INDEX "IX_RegistrationHistory_DeviceRecordId_CreatedAt" ON "RegistrationHistory" ("DeviceRecordId", "CreatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126080744_ActionsAndCommands', '10.0.15');

ALTER TABLE "CustomerAssets" ADD "ActiveAlertCount" integer NOT NULL DEFAULT 0;

ALTER TABLE "CustomerAssets" ADD "LastAlertAt" timestamp with time zone;

CREATE TABLE "Alerts" (
    "Id" uuid NOT NULL,
    "ProviderInstanceId" uuid NOT NULL,
    "ProviderId" uuid NOT NULL,
    "DeviceId" character varying(200) NOT NULL,
    "DeviceRecordId" uuid,
    "CustomerAssetId" uuid,
    "AccountId" uuid,
    "AlertType" character varying(40) NOT NULL,
    "Description" character varying(2000) NOT NULL,
    "AlertTime" timestamp with time zone NOT NULL,
    "Data" text,
    "Token" character varying(200),
    "Url" character varying(2000),
    "Status" character varying(40) NOT NULL,
    "StatusReason" character varying(40) NOT NULL,
    "ParentAlertId" uuid,
    "GroupKey" character varying(600) NOT NULL,
    "ChildCount" integer NOT NULL,
    "LastOccurrenceAt" timestamp with time zone NOT NULL,
    "CaseId" uuid,
    "DataHistoryId" uuid,
    "AutoPullPending" boolean NOT NULL,
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Alerts" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Alerts_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Alerts_Alerts_ParentAlertId" FOREIGN KEY ("ParentAlertId") REFERENCES "Alerts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Alerts_CustomerAssets_CustomerAssetId" FOREIGN KEY ("CustomerAssetId") REFERENCES "CustomerAssets" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Alerts_Devices_DeviceRecordId" FOREIGN KEY ("DeviceRecordId") REFERENCES "Devices" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Alerts_ProviderInstances_ProviderInstanceId" FOREIGN KEY ("ProviderInstanceId") REFERENCES "ProviderInstances" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Alerts_AccountId" ON "Alerts" ("AccountId");

CREATE INDEX "IX_Alerts_AlertTime" ON "Alerts" ("AlertTime");

CREATE INDEX "IX_Alerts_AutoPullPending" ON "Alerts" ("AutoPullPending");

CREATE INDEX "IX_Alerts_CustomerAssetId_Status" ON "Alerts" ("CustomerAssetId", "Status");

CREATE INDEX "IX_Alerts_DeviceRecordId" ON "Alerts" ("DeviceRecordId");

CREATE INDEX "IX_Alerts_GroupKey_AlertTime" ON "Alerts" ("GroupKey", "AlertTime");

CREATE INDEX "IX_Alerts_ParentAlertId" ON "Alerts" ("ParentAlertId");

CREATE UNIQUE INDEX "IX_Alerts_ProviderInstanceId_Token" ON "Alerts" ("ProviderInstanceId", "Token");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126081918_Alerts', '10.0.15');

CREATE INDEX "IX_Commands_AlertId" ON "Commands" ("AlertId");

ALTER TABLE "Commands" ADD CONSTRAINT "FK_Commands_Alerts_AlertId" FOREIGN KEY ("AlertId") REFERENCES "Alerts" ("Id") ON DELETE SET NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126082242_CommandAlertLink', '10.0.15');

DROP INDEX "IX_Alerts_AutoPullPending";

DROP INDEX "IX_Alerts_GroupKey_AlertTime";

CREATE INDEX "IX_Alerts_AutoPullPending" ON "Alerts" ("AutoPullPending") WHERE "AutoPullPending";

CREATE INDEX "IX_Alerts_GroupKey" ON "Alerts" ("GroupKey") WHERE "ParentAlertId" IS NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126083616_AlertParentIndex', '10.0.15');

CREATE TABLE "Cases" (
    "Id" uuid NOT NULL,
    "Number" character varying(20) NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Description" character varying(4000),
    "Status" character varying(40) NOT NULL,
    "Priority" character varying(40) NOT NULL,
    "AlertId" uuid NOT NULL,
    "AccountId" uuid,
    "CustomerAssetId" uuid,
    "ResolvedAt" timestamp with time zone,
    "CanceledAt" timestamp with time zone,
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Cases" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Cases_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Cases_Alerts_AlertId" FOREIGN KEY ("AlertId") REFERENCES "Alerts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Cases_CustomerAssets_CustomerAssetId" FOREIGN KEY ("CustomerAssetId") REFERENCES "CustomerAssets" ("Id") ON DELETE SET NULL
);

CREATE TABLE "RecordCounters" (
    "Name" character varying(20) NOT NULL,
    "Last" bigint NOT NULL,
    CONSTRAINT "PK_RecordCounters" PRIMARY KEY ("Name")
);

CREATE TABLE "WorkOrders" (
    "Id" uuid NOT NULL,
    "Number" character varying(20) NOT NULL,
    "CaseId" uuid NOT NULL,
    "AlertId" uuid NOT NULL,
    "AccountId" uuid,
    "CustomerAssetId" uuid,
    "PrimaryIncidentType" character varying(40) NOT NULL,
    "PrimaryIncidentDescription" character varying(2000) NOT NULL,
    "Instructions" character varying(4000),
    "Status" character varying(40) NOT NULL,
    "ScheduledAt" timestamp with time zone,
    "StartedAt" timestamp with time zone,
    "CompletedAt" timestamp with time zone,
    "ClosedAt" timestamp with time zone,
    "CanceledAt" timestamp with time zone,
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_WorkOrders" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_WorkOrders_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_WorkOrders_Alerts_AlertId" FOREIGN KEY ("AlertId") REFERENCES "Alerts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_WorkOrders_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_WorkOrders_CustomerAssets_CustomerAssetId" FOREIGN KEY ("CustomerAssetId") REFERENCES "CustomerAssets" ("Id") ON DELETE SET NULL
);

INSERT INTO "RecordCounters" ("Name", "Last")
VALUES ('CAS', 0);
INSERT INTO "RecordCounters" ("Name", "Last")
VALUES ('WO', 0);

CREATE INDEX "IX_Alerts_CaseId" ON "Alerts" ("CaseId");

CREATE INDEX "IX_Cases_AccountId" ON "Cases" ("AccountId");

CREATE INDEX "IX_Cases_AlertId" ON "Cases" ("AlertId");

CREATE INDEX "IX_Cases_CustomerAssetId" ON "Cases" ("CustomerAssetId");

CREATE UNIQUE INDEX "IX_Cases_Number" ON "Cases" ("Number");

CREATE INDEX "IX_Cases_Status_CreatedAt" ON "Cases" ("Status", "CreatedAt");

CREATE INDEX "IX_WorkOrders_AccountId" ON "WorkOrders" ("AccountId");

CREATE INDEX "IX_WorkOrders_AlertId" ON "WorkOrders" ("AlertId");

CREATE INDEX "IX_WorkOrders_CaseId" ON "WorkOrders" ("CaseId");

CREATE INDEX "IX_WorkOrders_CustomerAssetId" ON "WorkOrders" ("CustomerAssetId");

CREATE UNIQUE INDEX "IX_WorkOrders_Number" ON "WorkOrders" ("Number");

CREATE INDEX "IX_WorkOrders_Status_CreatedAt" ON "WorkOrders" ("Status", "CreatedAt");

ALTER TABLE "Alerts" ADD CONSTRAINT "FK_Alerts_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE RESTRICT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126083911_Cases', '10.0.15');

CREATE TABLE "ThresholdStates" (
    "DeviceRecordId" uuid NOT NULL,
    "Measure" character varying(100) NOT NULL,
    "State" character varying(40) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "Value" double precision NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_ThresholdStates" PRIMARY KEY ("DeviceRecordId", "Measure"),
    CONSTRAINT "FK_ThresholdStates_Devices_DeviceRecordId" FOREIGN KEY ("DeviceRecordId") REFERENCES "Devices" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ThresholdStates_UpdatedAt" ON "ThresholdStates" ("UpdatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126090028_Thresholds', '10.0.15');

ALTER TABLE "Alerts" DROP CONSTRAINT "FK_Alerts_Alerts_ParentAlertId";

ALTER TABLE "Alerts" SET (fillfactor=80);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129225850_CheaperAlertWrites', '10.0.15');

CREATE TABLE "WebhookDeliveries" (
    "Id" uuid NOT NULL,
    "SubscriptionId" uuid NOT NULL,
    "MessageId" uuid NOT NULL,
    "EventType" character varying(100) NOT NULL,
    "Payload" text NOT NULL,
    "Status" character varying(40) NOT NULL,
    "Attempts" integer NOT NULL,
    "NextAttemptAt" timestamp with time zone NOT NULL,
    "LastAttemptAt" timestamp with time zone,
    "LastStatusCode" integer,
    "LastError" character varying(2000),
    "CompletedAt" timestamp with time zone,
    "AttemptLog" text NOT NULL,
    "LeaseOwner" character varying(100),
    "LeaseUntil" timestamp with time zone,
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY ("Id")
);

CREATE TABLE "WebhookSubscriptions" (
    "Id" uuid NOT NULL,
    "Url" character varying(2000) NOT NULL,
    "EventTypes" character varying(1000) NOT NULL,
    "Enabled" boolean NOT NULL,
    "Description" character varying(2000),
    "Secret" character varying(200) NOT NULL,
    "PreviousSecret" character varying(200),
    "PreviousSecretUntil" timestamp with time zone,
    "ActiveFrom" timestamp with time zone NOT NULL,
    "DisabledReason" character varying(2000),
    "FailingSince" timestamp with time zone,
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_WebhookSubscriptions" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_WebhookDeliveries_Status_NextAttemptAt" ON "WebhookDeliveries" ("Status", "NextAttemptAt");

CREATE INDEX "IX_WebhookDeliveries_SubscriptionId_CreatedAt" ON "WebhookDeliveries" ("SubscriptionId", "CreatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129233624_Webhooks', '10.0.15');

CREATE TABLE "DeadLetters" (
    "Id" uuid NOT NULL,
    "ProviderInstanceId" uuid NOT NULL,
    "Source" character varying(500) NOT NULL,
    "Reason" character varying(2000) NOT NULL,
    "Payload" text NOT NULL,
    "DeviceId" character varying(500),
    "ReceivedAt" timestamp with time zone NOT NULL,
    "Version" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_DeadLetters" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_DeadLetters_ProviderInstances_ProviderInstanceId" FOREIGN KEY ("ProviderInstanceId") REFERENCES "ProviderInstances" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_DeadLetters_ProviderInstanceId_ReceivedAt" ON "DeadLetters" ("ProviderInstanceId", "ReceivedAt");

CREATE INDEX "IX_DeadLetters_ReceivedAt" ON "DeadLetters" ("ReceivedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129235430_DeadLetters', '10.0.15');

ALTER TABLE "Commands" ADD "ErrorDetail" character varying(500);

CREATE TABLE "ReceivedMessages" (
    "ProviderInstanceId" uuid NOT NULL,
    "MessageId" character varying(200) NOT NULL,
    "ReceivedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_ReceivedMessages" PRIMARY KEY ("ProviderInstanceId", "MessageId"),
    CONSTRAINT "FK_ReceivedMessages_ProviderInstances_ProviderInstanceId" FOREIGN KEY ("ProviderInstanceId") REFERENCES "ProviderInstances" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ReceivedMessages_ExpiresAt" ON "ReceivedMessages" ("ExpiresAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130040158_ReceivedMessagesAndCommandErrorDetail', '10.0.15');

ALTER TABLE "ReceivedMessages" ADD "ClaimedUntil" timestamp with time zone;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130050427_ReceivedMessageClaims', '10.0.15');

CREATE TABLE "AspNetRoles" (
    "Id" uuid NOT NULL,
    "Name" character varying(256),
    "NormalizedName" character varying(256),
    "ConcurrencyStamp" text,
    CONSTRAINT "PK_AspNetRoles" PRIMARY KEY ("Id")
);

CREATE TABLE "AspNetUsers" (
    "Id" uuid NOT NULL,
    "DisplayName" character varying(200),
    "TimeZoneId" character varying(64),
    "Disabled" boolean NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UserName" character varying(256),
    "NormalizedUserName" character varying(256),
    "Email" character varying(256),
    "NormalizedEmail" character varying(256),
    "EmailConfirmed" boolean NOT NULL,
    "PasswordHash" text,
    "SecurityStamp" text,
    "ConcurrencyStamp" text,
    "PhoneNumber" text,
    "PhoneNumberConfirmed" boolean NOT NULL,
    "TwoFactorEnabled" boolean NOT NULL,
    "LockoutEnd" timestamp with time zone,
    "LockoutEnabled" boolean NOT NULL,
    "AccessFailedCount" integer NOT NULL,
    CONSTRAINT "PK_AspNetUsers" PRIMARY KEY ("Id")
);

CREATE TABLE "DataProtectionKeys" (
    "Id" integer GENERATED BY DEFAULT AS IDENTITY,
    "FriendlyName" text,
    "Xml" text,
    CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY ("Id")
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" integer GENERATED BY DEFAULT AS IDENTITY,
    "RoleId" uuid NOT NULL,
    "ClaimType" text,
    "ClaimValue" text,
    CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" integer GENERATED BY DEFAULT AS IDENTITY,
    "UserId" uuid NOT NULL,
    "ClaimType" text,
    "ClaimValue" text,
    CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" text NOT NULL,
    "ProviderKey" text NOT NULL,
    "ProviderDisplayName" text,
    "UserId" uuid NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" uuid NOT NULL,
    "RoleId" uuid NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" uuid NOT NULL,
    "LoginProvider" text NOT NULL,
    "Name" text NOT NULL,
    "Value" text,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130081639_WebUsers', '10.0.15');

ALTER TABLE "Devices" ADD "Tiles" text;

ALTER TABLE "DeviceCategories" ADD "Commands" text NOT NULL DEFAULT '[]';

ALTER TABLE "DeviceCategories" ADD "Tiles" text NOT NULL DEFAULT '[]';

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130092842_CommandDefinitionsAndTiles', '10.0.15');

CREATE INDEX "IX_Alerts_AlertType" ON "Alerts" ("AlertType") WHERE "ParentAlertId" IS NULL;

CREATE INDEX "IX_Alerts_ProviderId" ON "Alerts" ("ProviderId") WHERE "ParentAlertId" IS NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130101353_AlertListIndexes', '10.0.15');

ALTER TABLE "Alerts" ADD "StatusNote" character varying(1000);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130105010_AlertStatusNote', '10.0.15');

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "IX_Alerts_Description_Trigrams" ON "Alerts" USING gin (lower("Description") gin_trgm_ops) WHERE "ParentAlertId" IS NULL;
CREATE INDEX "IX_Alerts_DeviceId_Trigrams" ON "Alerts" USING gin (lower("DeviceId") gin_trgm_ops) WHERE "ParentAlertId" IS NULL;
CREATE INDEX "IX_Devices_Name_Trigrams" ON "Devices" USING gin (lower("Name") gin_trgm_ops);
CREATE STATISTICS "ST_Alerts_Description_Lower" ON (lower("Description")) FROM "Alerts";
CREATE STATISTICS "ST_Alerts_DeviceId_Lower" ON (lower("DeviceId")) FROM "Alerts";
ANALYZE "Alerts";

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130121852_AlertSearchIndexes', '10.0.15');

CREATE TABLE "ConnectionReports" (
    "ProviderInstanceId" uuid NOT NULL,
    "Node" character varying(100) NOT NULL,
    "State" character varying(40) NOT NULL,
    "Since" timestamp with time zone NOT NULL,
    "LastError" character varying(2000),
    "ReportedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_ConnectionReports" PRIMARY KEY ("ProviderInstanceId", "Node"),
    CONSTRAINT "FK_ConnectionReports_ProviderInstances_ProviderInstanceId" FOREIGN KEY ("ProviderInstanceId") REFERENCES "ProviderInstances" ("Id") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130132337_ConnectionReports', '10.0.15');

CREATE INDEX "IX_WebhookDeliveries_Status_CompletedAt" ON "WebhookDeliveries" ("Status", "CompletedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130151203_WebhookDeliveryRetentionIndex', '10.0.15');

CREATE TABLE "FleetNodes" (
    "Name" character varying(100) NOT NULL,
    "Incarnation" uuid NOT NULL,
    "Host" character varying(255) NOT NULL,
    "ProcessId" integer NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    "HeartbeatAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_FleetNodes" PRIMARY KEY ("Name")
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130151805_FleetNodes', '10.0.15');

ALTER TABLE "Alerts" ADD "AutoPullLeaseOwner" character varying(100);

ALTER TABLE "Alerts" ADD "AutoPullLeaseUntil" timestamp with time zone;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130165507_AlertAutoPullLease', '10.0.15');

CREATE TABLE "AzureIoTHubPartitions" (
    "ProviderInstanceId" uuid NOT NULL,
    "FullyQualifiedNamespace" character varying(255) NOT NULL,
    "EventHubName" character varying(256) NOT NULL,
    "ConsumerGroup" character varying(256) NOT NULL,
    "PartitionId" character varying(64) NOT NULL,
    "OwnerIdentifier" character varying(100) NOT NULL,
    "Version" bigint NOT NULL,
    "OwnershipModifiedAt" timestamp with time zone NOT NULL,
    "Offset" character varying(64),
    "SequenceNumber" bigint,
    "CheckpointModifiedAt" timestamp with time zone,
    "CheckpointedBy" character varying(100),
    CONSTRAINT "PK_AzureIoTHubPartitions" PRIMARY KEY ("ProviderInstanceId", "FullyQualifiedNamespace", "EventHubName", "ConsumerGroup", "PartitionId"),
    CONSTRAINT "FK_AzureIoTHubPartitions_ProviderInstances_ProviderInstanceId" FOREIGN KEY ("ProviderInstanceId") REFERENCES "ProviderInstances" ("Id") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130205449_AzureIoTHubPartitions', '10.0.15');

