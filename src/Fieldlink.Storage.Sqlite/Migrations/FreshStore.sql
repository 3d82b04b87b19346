CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "Accounts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Accounts" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "AccountNumber" TEXT NULL,
    "Email" TEXT NULL,
    "Phone" TEXT NULL,
    "Address" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE TABLE "DeviceCategories" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DeviceCategories" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "Measures" TEXT NULL
);

CREATE TABLE "Providers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Providers" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Connector" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE TABLE "CustomerAssets" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CustomerAssets" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "AccountId" TEXT NULL,
    "SerialNumber" TEXT NULL,
    "Location" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_CustomerAssets_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ProviderInstances" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ProviderInstances" PRIMARY KEY,
    "ProviderId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "InstanceId" TEXT NULL,
    "Url" TEXT NULL,
    "Enabled" INTEGER NOT NULL,
    "Settings" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_ProviderInstances_Providers_ProviderId" FOREIGN KEY ("ProviderId") REFERENCES "Providers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ApiKeys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiKeys" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "ProviderInstanceId" TEXT NULL,
    "Prefix" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "LastUsedAt" INTEGER NULL,
    "RevokedAt" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_ApiKeys_ProviderInstances_ProviderInstanceId" FOREIGN KEY ("ProviderInstanceId") REFERENCES "ProviderInstances" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Devices" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Devices" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "DeviceId" TEXT NOT NULL,
    "ProviderInstanceId" TEXT NOT NULL,
    "AccountId" TEXT NULL,
    "CategoryId" TEXT NULL,
    "CustomerAssetId" TEXT NULL,
    "TimeZone" TEXT NULL,
    "Simulated" INTEGER NOT NULL,
    "RegistrationStatus" TEXT NOT NULL,
    "RegistrationMessage" TEXT NULL,
    "ConnectionState" TEXT NOT NULL,
    "ConnectionStateChangedAt" INTEGER NULL,
    "LastActivityAt" INTEGER NULL,
    "ReportedProperties" TEXT NOT NULL,
    "Tags" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_Devices_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Devices_CustomerAssets_CustomerAssetId" FOREIGN KEY ("CustomerAssetId") REFERENCES "CustomerAssets" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Devices_DeviceCategories_CategoryId" FOREIGN KEY ("CategoryId") REFERENCES "DeviceCategories" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Devices_ProviderInstances_ProviderInstanceId" FOREIGN KEY ("ProviderInstanceId") REFERENCES "ProviderInstances" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Settings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Settings" PRIMARY KEY,
    "DefaultProviderInstanceId" TEXT NULL,
    "AlertGroupingEnabled" INTEGER NOT NULL,
    "AlertGroupingFields" TEXT NOT NULL,
    "AlertGroupingWindow" TEXT NOT NULL,
    "AutoPullOnAlert" INTEGER NOT NULL,
    "ScheduledPullsEnabled" INTEGER NOT NULL,
    "ScheduledPullInterval" TEXT NOT NULL,
    "CommandNameProperty" TEXT NOT NULL,
    "CommandParametersProperty" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
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
VALUES ('20261126071823_Initial', '10.0.15');

CREATE TABLE "Readings" (
    "SeriesId" INTEGER NOT NULL,
    "Timestamp" INTEGER NOT NULL,
    "Value" REAL NOT NULL,
    CONSTRAINT "PK_Readings" PRIMARY KEY ("SeriesId", "Timestamp")
) WITHOUT ROWID;

CREATE TABLE "ReadingSeries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReadingSeries" PRIMARY KEY AUTOINCREMENT,
    "DeviceRecordId" TEXT NOT NULL,
    "Measure" TEXT NOT NULL,
    CONSTRAINT "FK_ReadingSeries_Devices_DeviceRecordId" FOREIGN KEY ("DeviceRecordId") REFERENCES "Devices" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ReadingSeries_DeviceRecordId_Measure" ON "ReadingSeries" ("DeviceRecordId", "Measure");

CREATE TRIGGER "ReadingSeries_DeleteReadings" AFTER DELETE ON "ReadingSeries"
BEGIN
    DELETE FROM "Readings" WHERE "SeriesId" = old."Id";
END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126075246_Readings', '10.0.15');

CREATE TABLE "Commands" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Commands" PRIMARY KEY,
    "DeviceRecordId" TEXT NOT NULL,
    "CustomerAssetId" TEXT NULL,
    "Name" TEXT NOT NULL,
    "Parameters" TEXT NOT NULL,
    "AlertId" TEXT NULL,
    "Status" TEXT NOT NULL,
    "SentAt" INTEGER NULL,
    "DeliveredAt" INTEGER NULL,
    "CompletedAt" INTEGER NULL,
    "ExpiresAt" INTEGER NULL,
    "TimeoutAt" INTEGER NULL,
    "Response" TEXT NULL,
    "Error" TEXT NULL,
    "IdempotencyKey" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LeaseOwner" TEXT NULL,
    "LeaseUntil" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_Commands_CustomerAssets_CustomerAssetId" FOREIGN KEY ("CustomerAssetId") REFERENCES "CustomerAssets" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Commands_Devices_DeviceRecordId" FOREIGN KEY ("DeviceRecordId") REFERENCES "Devices" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DeviceDataHistory" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DeviceDataHistory" PRIMARY KEY,
    "DeviceRecordId" TEXT NOT NULL,
    "Outcome" TEXT NOT NULL,
    "Status" TEXT NULL,
    "ConnectionState" TEXT NULL,
    "ConnectionStateChangedAt" INTEGER NULL,
    "ReportedProperties" TEXT NULL,
    "LastActivityAt" INTEGER NULL,
    "Message" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_DeviceDataHistory_Devices_DeviceRecordId" FOREIGN KEY ("DeviceRecordId") REFERENCES "Devices" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RegistrationHistory" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_RegistrationHistory" PRIMARY KEY,
    "DeviceRecordId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Outcome" TEXT NOT NULL,
    "ProviderDeviceId" TEXT NULL,
    "Message" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_RegistrationHistory_Devices_DeviceRecordId" FOREIGN KEY ("DeviceRecordId") REFERENCES "Devices" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Commands_CustomerAssetId" ON "Commands" ("CustomerAssetId");

CREATE INDEX "IX_Commands_DeviceRecordId_CreatedAt" ON "Commands" ("DeviceRecordId", "CreatedAt");

CREATE UNIQUE INDEX "IX_Commands_IdempotencyKey_DeviceRecordId" ON "Commands" ("IdempotencyKey", "DeviceRecordId");

CREATE INDEX "IX_Commands_Status_CreatedAt" ON "Commands" ("Status", "CreatedAt");

CREATE INDEX "IX_DeviceDataHistory_DeviceRecordId_CreatedAt" ON "DeviceDataHistory" ("DeviceRecordId", "CreatedAt");

CREATE INDEX "IX_RegistrationHistory_DeviceRecordId_CreatedAt" ON "RegistrationHistory" ("DeviceRecordId", "CreatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126080737_ActionsAndCommands', '10.0.15');

ALTER TABLE "CustomerAssets" ADD "ActiveAlertCount" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "CustomerAssets" ADD "LastAlertAt" INTEGER NULL;

CREATE TABLE "Alerts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Alerts" PRIMARY KEY,
    "ProviderInstanceId" TEXT NOT NULL,
    "ProviderId" TEXT NOT NULL,
    "DeviceId" TEXT NOT NULL,
    "DeviceRecordId" TEXT NULL,
    "CustomerAssetId" TEXT NULL,
    "AccountId" TEXT NULL,
    "AlertType" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "AlertTime" INTEGER NOT NULL,
    "Data" TEXT NULL,
    "Token" TEXT NULL,
    "Url" TEXT NULL,
    "Status" TEXT NOT NULL,
    "StatusReason" TEXT NOT NULL,
    "ParentAlertId" TEXT NULL,
    "GroupKey" TEXT NOT NULL,
    "ChildCount" INTEGER NOT NULL,
    "LastOccurrenceAt" INTEGER NOT NULL,
    "CaseId" TEXT NULL,
    "DataHistoryId" TEXT NULL,
    "AutoPullPending" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
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
VALUES ('20261126081914_Alerts', '10.0.15');

CREATE INDEX "IX_Commands_AlertId" ON "Commands" ("AlertId");

CREATE TABLE "ef_temp_Commands" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Commands" PRIMARY KEY,
    "AlertId" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "CompletedAt" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    "CustomerAssetId" TEXT NULL,
    "DeliveredAt" INTEGER NULL,
    "DeviceRecordId" TEXT NOT NULL,
    "Error" TEXT NULL,
    "ExpiresAt" INTEGER NULL,
    "IdempotencyKey" TEXT NULL,
    "LeaseOwner" TEXT NULL,
    "LeaseUntil" INTEGER NULL,
    "Name" TEXT NOT NULL,
    "Parameters" TEXT NOT NULL,
    "Response" TEXT NULL,
    "SentAt" INTEGER NULL,
    "Status" TEXT NOT NULL,
    "TimeoutAt" INTEGER NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Commands_Alerts_AlertId" FOREIGN KEY ("AlertId") REFERENCES "Alerts" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Commands_CustomerAssets_CustomerAssetId" FOREIGN KEY ("CustomerAssetId") REFERENCES "CustomerAssets" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Commands_Devices_DeviceRecordId" FOREIGN KEY ("DeviceRecordId") REFERENCES "Devices" ("Id") ON DELETE CASCADE
);

INSERT INTO "ef_temp_Commands" ("Id", "AlertId", "Attempts", "CompletedAt", "CreatedAt", "CustomerAssetId", "DeliveredAt", "DeviceRecordId", "Error", "ExpiresAt", "IdempotencyKey", "LeaseOwner", "LeaseUntil", "Name", "Parameters", "Response", "SentAt", "Status", "TimeoutAt", "UpdatedAt", "Version")
SELECT "Id", "AlertId", "Attempts", "CompletedAt", "CreatedAt", "CustomerAssetId", "DeliveredAt", "DeviceRecordId", "Error", "ExpiresAt", "IdempotencyKey", "LeaseOwner", "LeaseUntil", "Name", "Parameters", "Response", "SentAt", "Status", "TimeoutAt", "UpdatedAt", "Version"
FROM "Commands";

PRAGMA foreign_keys = 0;

DROP TABLE "Commands";

ALTER TABLE "ef_temp_Commands" RENAME TO "Commands";

PRAGMA foreign_keys = 1;

CREATE INDEX "IX_Commands_AlertId" ON "Commands" ("AlertId");

CREATE INDEX "IX_Commands_CustomerAssetId" ON "Commands" ("CustomerAssetId");

CREATE INDEX "IX_Commands_DeviceRecordId_CreatedAt" ON "Commands" ("DeviceRecordId", "CreatedAt");

CREATE UNIQUE INDEX "IX_Commands_IdempotencyKey_DeviceRecordId" ON "Commands" ("IdempotencyKey", "DeviceRecordId");

CREATE INDEX "IX_Commands_Status_CreatedAt" ON "Commands" ("Status", "CreatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126082237_CommandAlertLink', '10.0.15');

DROP INDEX "IX_Alerts_AutoPullPending";

DROP INDEX "IX_Alerts_GroupKey_AlertTime";

CREATE INDEX "IX_Alerts_AutoPullPending" ON "Alerts" ("AutoPullPending") WHERE "AutoPullPending";

CREATE INDEX "IX_Alerts_GroupKey" ON "Alerts" ("GroupKey") WHERE "ParentAlertId" IS NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126083605_AlertParentIndex', '10.0.15');

CREATE TABLE "Cases" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Cases" PRIMARY KEY,
    "Number" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Priority" TEXT NOT NULL,
    "AlertId" TEXT NOT NULL,
    "AccountId" TEXT NULL,
    "CustomerAssetId" TEXT NULL,
    "ResolvedAt" INTEGER NULL,
    "CanceledAt" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_Cases_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Cases_Alerts_AlertId" FOREIGN KEY ("AlertId") REFERENCES "Alerts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Cases_CustomerAssets_CustomerAssetId" FOREIGN KEY ("CustomerAssetId") REFERENCES "CustomerAssets" ("Id") ON DELETE SET NULL
);

CREATE TABLE "RecordCounters" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_RecordCounters" PRIMARY KEY,
    "Last" INTEGER NOT NULL
);

CREATE TABLE "WorkOrders" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkOrders" PRIMARY KEY,
    "Number" TEXT NOT NULL,
    "CaseId" TEXT NOT NULL,
    "AlertId" TEXT NOT NULL,
    "AccountId" TEXT NULL,
    "CustomerAssetId" TEXT NULL,
    "PrimaryIncidentType" TEXT NOT NULL,
    "PrimaryIncidentDescription" TEXT NOT NULL,
    "Instructions" TEXT NULL,
    "Status" TEXT NOT NULL,
    "ScheduledAt" INTEGER NULL,
    "StartedAt" INTEGER NULL,
    "CompletedAt" INTEGER NULL,
    "ClosedAt" INTEGER NULL,
    "CanceledAt" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_WorkOrders_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_WorkOrders_Alerts_AlertId" FOREIGN KEY ("AlertId") REFERENCES "Alerts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_WorkOrders_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_WorkOrders_CustomerAssets_CustomerAssetId" FOREIGN KEY ("CustomerAssetId") REFERENCES "CustomerAssets" ("Id") ON DELETE SET NULL
);

INSERT INTO "RecordCounters" ("Name", "Last")
VALUES ('CAS', 0);
SELECT changes();

INSERT INTO "RecordCounters" ("Name", "Last")
VALUES ('WO', 0);
SELECT changes();


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

CREATE TABLE "ef_temp_Alerts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Alerts" PRIMARY KEY,
    "AccountId" TEXT NULL,
    "AlertTime" INTEGER NOT NULL,
    "AlertType" TEXT NOT NULL,
    "AutoPullPending" INTEGER NOT NULL,
    "CaseId" TEXT NULL,
    "ChildCount" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "CustomerAssetId" TEXT NULL,
    "Data" TEXT NULL,
    "DataHistoryId" TEXT NULL,
    "Description" TEXT NOT NULL,
    "DeviceId" TEXT NOT NULL,
    "DeviceRecordId" TEXT NULL,
    "GroupKey" TEXT NOT NULL,
    "LastOccurrenceAt" INTEGER NOT NULL,
    "ParentAlertId" TEXT NULL,
    "ProviderId" TEXT NOT NULL,
    "ProviderInstanceId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "StatusReason" TEXT NOT NULL,
    "Token" TEXT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "Url" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Alerts_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Alerts_Alerts_ParentAlertId" FOREIGN KEY ("ParentAlertId") REFERENCES "Alerts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Alerts_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Alerts_CustomerAssets_CustomerAssetId" FOREIGN KEY ("CustomerAssetId") REFERENCES "CustomerAssets" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Alerts_Devices_DeviceRecordId" FOREIGN KEY ("DeviceRecordId") REFERENCES "Devices" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Alerts_ProviderInstances_ProviderInstanceId" FOREIGN KEY ("ProviderInstanceId") REFERENCES "ProviderInstances" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_Alerts" ("Id", "AccountId", "AlertTime", "AlertType", "AutoPullPending", "CaseId", "ChildCount", "CreatedAt", "CustomerAssetId", "Data", "DataHistoryId", "Description", "DeviceId", "DeviceRecordId", "GroupKey", "LastOccurrenceAt", "ParentAlertId", "ProviderId", "ProviderInstanceId", "Status", "StatusReason", "Token", "UpdatedAt", "Url", "Version")
SELECT "Id", "AccountId", "AlertTime", "AlertType", "AutoPullPending", "CaseId", "ChildCount", "CreatedAt", "CustomerAssetId", "Data", "DataHistoryId", "Description", "DeviceId", "DeviceRecordId", "GroupKey", "LastOccurrenceAt", "ParentAlertId", "ProviderId", "ProviderInstanceId", "Status", "StatusReason", "Token", "UpdatedAt", "Url", "Version"
FROM "Alerts";

PRAGMA foreign_keys = 0;

DROP TABLE "Alerts";

ALTER TABLE "ef_temp_Alerts" RENAME TO "Alerts";

PRAGMA foreign_keys = 1;

CREATE INDEX "IX_Alerts_AccountId" ON "Alerts" ("AccountId");

CREATE INDEX "IX_Alerts_AlertTime" ON "Alerts" ("AlertTime");

CREATE INDEX "IX_Alerts_AutoPullPending" ON "Alerts" ("AutoPullPending") WHERE "AutoPullPending";

CREATE INDEX "IX_Alerts_CaseId" ON "Alerts" ("CaseId");

CREATE INDEX "IX_Alerts_CustomerAssetId_Status" ON "Alerts" ("CustomerAssetId", "Status");

CREATE INDEX "IX_Alerts_DeviceRecordId" ON "Alerts" ("DeviceRecordId");

CREATE INDEX "IX_Alerts_GroupKey" ON "Alerts" ("GroupKey") WHERE "ParentAlertId" IS NULL;

CREATE INDEX "IX_Alerts_ParentAlertId" ON "Alerts" ("ParentAlertId");

CREATE UNIQUE INDEX "IX_Alerts_ProviderInstanceId_Token" ON "Alerts" ("ProviderInstanceId", "Token");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126083905_Cases', '10.0.15');

CREATE TABLE "ThresholdStates" (
    "DeviceRecordId" TEXT NOT NULL,
    "Measure" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "Value" REAL NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_ThresholdStates" PRIMARY KEY ("DeviceRecordId", "Measure"),
    CONSTRAINT "FK_ThresholdStates_Devices_DeviceRecordId" FOREIGN KEY ("DeviceRecordId") REFERENCES "Devices" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ThresholdStates_UpdatedAt" ON "ThresholdStates" ("UpdatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126090022_Thresholds', '10.0.15');

CREATE TABLE "ef_temp_Alerts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Alerts" PRIMARY KEY,
    "AccountId" TEXT NULL,
    "AlertTime" INTEGER NOT NULL,
    "AlertType" TEXT NOT NULL,
    "AutoPullPending" INTEGER NOT NULL,
    "CaseId" TEXT NULL,
    "ChildCount" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "CustomerAssetId" TEXT NULL,
    "Data" TEXT NULL,
    "DataHistoryId" TEXT NULL,
    "Description" TEXT NOT NULL,
    "DeviceId" TEXT NOT NULL,
    "DeviceRecordId" TEXT NULL,
    "GroupKey" TEXT NOT NULL,
    "LastOccurrenceAt" INTEGER NOT NULL,
    "ParentAlertId" TEXT NULL,
    "ProviderId" TEXT NOT NULL,
    "ProviderInstanceId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "StatusReason" TEXT NOT NULL,
    "Token" TEXT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "Url" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Alerts_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Alerts_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Alerts_CustomerAssets_CustomerAssetId" FOREIGN KEY ("CustomerAssetId") REFERENCES "CustomerAssets" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Alerts_Devices_DeviceRecordId" FOREIGN KEY ("DeviceRecordId") REFERENCES "Devices" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Alerts_ProviderInstances_ProviderInstanceId" FOREIGN KEY ("ProviderInstanceId") REFERENCES "ProviderInstances" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_Alerts" ("Id", "AccountId", "AlertTime", "AlertType", "AutoPullPending", "CaseId", "ChildCount", "CreatedAt", "CustomerAssetId", "Data", "DataHistoryId", "Description", "DeviceId", "DeviceRecordId", "GroupKey", "LastOccurrenceAt", "ParentAlertId", "ProviderId", "ProviderInstanceId", "Status", "StatusReason", "Token", "UpdatedAt", "Url", "Version")
SELECT "Id", "AccountId", "AlertTime", "AlertType", "AutoPullPending", "CaseId", "ChildCount", "CreatedAt", "CustomerAssetId", "Data", "DataHistoryId", "Description", "DeviceId", "DeviceRecordId", "GroupKey", "LastOccurrenceAt", "ParentAlertId", "ProviderId", "ProviderInstanceId", "Status", "StatusReason", "Token", "UpdatedAt", "Url", "Version"
FROM "Alerts";

PRAGMA foreign_keys = 0;

DROP TABLE "Alerts";

ALTER TABLE "ef_temp_Alerts" RENAME TO "Alerts";

PRAGMA foreign_keys = 1;

CREATE INDEX "IX_Alerts_AccountId" ON "Alerts" ("AccountId");

CREATE INDEX "IX_Alerts_AlertTime" ON "Alerts" ("AlertTime");

CREATE INDEX "IX_Alerts_AutoPullPending" ON "Alerts" ("AutoPullPending") WHERE "AutoPullPending";

CREATE INDEX "IX_Alerts_CaseId" ON "Alerts" ("CaseId");

CREATE INDEX "IX_Alerts_CustomerAssetId_Status" ON "Alerts" ("CustomerAssetId", "Status");

CREATE INDEX "IX_Alerts_DeviceRecordId" ON "Alerts" ("DeviceRecordId");

CREATE INDEX "IX_Alerts_GroupKey" ON "Alerts" ("GroupKey") WHERE "ParentAlertId" IS NULL;

CREATE INDEX "IX_Alerts_ParentAlertId" ON "Alerts" ("ParentAlertId");

CREATE UNIQUE INDEX "IX_Alerts_ProviderInstanceId_Token" ON "Alerts" ("ProviderInstanceId", "Token");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129225856_CheaperAlertWrites', '10.0.15');

CREATE TABLE "WebhookDeliveries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY,
    "SubscriptionId" TEXT NOT NULL,
    "MessageId" TEXT NOT NULL,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "LastAttemptAt" INTEGER NULL,
    "LastStatusCode" INTEGER NULL,
    "LastError" TEXT NULL,
    "CompletedAt" INTEGER NULL,
    "AttemptLog" TEXT NOT NULL,
    "LeaseOwner" TEXT NULL,
    "LeaseUntil" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE TABLE "WebhookSubscriptions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookSubscriptions" PRIMARY KEY,
    "Url" TEXT NOT NULL,
    "EventTypes" TEXT NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "Description" TEXT NULL,
    "Secret" TEXT NOT NULL,
    "PreviousSecret" TEXT NULL,
    "PreviousSecretUntil" INTEGER NULL,
    "ActiveFrom" INTEGER NOT NULL,
    "DisabledReason" TEXT NULL,
    "FailingSince" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE INDEX "IX_WebhookDeliveries_Status_NextAttemptAt" ON "WebhookDeliveries" ("Status", "NextAttemptAt");

CREATE INDEX "IX_WebhookDeliveries_SubscriptionId_CreatedAt" ON "WebhookDeliveries" ("SubscriptionId", "CreatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129233619_Webhooks', '10.0.15');

CREATE TABLE "DeadLetters" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DeadLetters" PRIMARY KEY,
    "ProviderInstanceId" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "DeviceId" TEXT NULL,
    "ReceivedAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_DeadLetters_ProviderInstances_ProviderInstanceId" FOREIGN KEY ("ProviderInstanceId") REFERENCES "ProviderInstances" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_DeadLetters_ProviderInstanceId_ReceivedAt" ON "DeadLetters" ("ProviderInstanceId", "ReceivedAt");

CREATE INDEX "IX_DeadLetters_ReceivedAt" ON "DeadLetters" ("ReceivedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129235425_DeadLetters', '10.0.15');

ALTER TABLE "Commands" ADD "ErrorDetail" TEXT NULL;

CREATE TABLE "ReceivedMessages" (
    "ProviderInstanceId" TEXT NOT NULL,
    "MessageId" TEXT NOT NULL,
    "ReceivedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    CONSTRAINT "PK_ReceivedMessages" PRIMARY KEY ("ProviderInstanceId", "MessageId"),
    CONSTRAINT "FK_ReceivedMessages_ProviderInstances_ProviderInstanceId" FOREIGN KEY ("ProviderInstanceId") REFERENCES "ProviderInstances" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ReceivedMessages_ExpiresAt" ON "ReceivedMessages" ("ExpiresAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130040055_ReceivedMessagesAndCommandErrorDetail', '10.0.15');

ALTER TABLE "ReceivedMessages" ADD "ClaimedUntil" INTEGER NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130050419_ReceivedMessageClaims', '10.0.15');

CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NULL,
    "TimeZoneId" TEXT NULL,
    "Disabled" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
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
VALUES ('20261130081624_WebUsers', '10.0.15');

ALTER TABLE "Devices" ADD "Tiles" TEXT NULL;

ALTER TABLE "DeviceCategories" ADD "Commands" TEXT NOT NULL DEFAULT '[]';

ALTER TABLE "DeviceCategories" ADD "Tiles" TEXT NOT NULL DEFAULT '[]';

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130092835_CommandDefinitionsAndTiles', '10.0.15');

CREATE INDEX "IX_Alerts_AlertType" ON "Alerts" ("AlertType") WHERE "ParentAlertId" IS NULL;

CREATE INDEX "IX_Alerts_ProviderId" ON "Alerts" ("ProviderId") WHERE "ParentAlertId" IS NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130101326_AlertListIndexes', '10.0.15');

ALTER TABLE "Alerts" ADD "StatusNote" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130104947_AlertStatusNote', '10.0.15');

CREATE TABLE "ConnectionReports" (
    "ProviderInstanceId" TEXT NOT NULL,
    "Node" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Since" INTEGER NOT NULL,
    "LastError" TEXT NULL,
    "ReportedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_ConnectionReports" PRIMARY KEY ("ProviderInstanceId", "Node"),
    CONSTRAINT "FK_ConnectionReports_ProviderInstances_ProviderInstanceId" FOREIGN KEY ("ProviderInstanceId") REFERENCES "ProviderInstances" ("Id") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130132329_ConnectionReports', '10.0.15');

CREATE INDEX "IX_WebhookDeliveries_Status_CompletedAt" ON "WebhookDeliveries" ("Status", "CompletedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130151150_WebhookDeliveryRetentionIndex', '10.0.15');

CREATE TABLE "FleetNodes" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_FleetNodes" PRIMARY KEY,
    "Incarnation" TEXT NOT NULL,
    "Host" TEXT NOT NULL,
    "ProcessId" INTEGER NOT NULL,
    "StartedAt" INTEGER NOT NULL,
    "HeartbeatAt" INTEGER NOT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130151800_FleetNodes', '10.0.15');

ALTER TABLE "Alerts" ADD "AutoPullLeaseOwner" TEXT NULL;

ALTER TABLE "Alerts" ADD "AutoPullLeaseUntil" INTEGER NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130165503_AlertAutoPullLease', '10.0.15');

CREATE TABLE "AzureIoTHubPartitions" (
    "ProviderInstanceId" TEXT NOT NULL,
    "FullyQualifiedNamespace" TEXT NOT NULL,
    "EventHubName" TEXT NOT NULL,
    "ConsumerGroup" TEXT NOT NULL,
    "PartitionId" TEXT NOT NULL,
    "OwnerIdentifier" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "OwnershipModifiedAt" INTEGER NOT NULL,
    "Offset" TEXT NULL,
    "SequenceNumber" INTEGER NULL,
    "CheckpointModifiedAt" INTEGER NULL,
    "CheckpointedBy" TEXT NULL,
    CONSTRAINT "PK_AzureIoTHubPartitions" PRIMARY KEY ("ProviderInstanceId", "FullyQualifiedNamespace", "EventHubName", "ConsumerGroup", "PartitionId"),
    CONSTRAINT "FK_AzureIoTHubPartitions_ProviderInstances_ProviderInstanceId" FOREIGN KEY ("ProviderInstanceId") REFERENCES "ProviderInstances" ("Id") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130205414_AzureIoTHubPartitions', '10.0.15');

