import { badRequest } from './reply';
import type { RouteContext } from './router';

/**
 * The org limits GET /limits reports: the documented set, each {Max, Remaining}, with the values of
 * an Enterprise Edition org that has used none of them; DailyApiRequests comes from the simulator's
 * real count. https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm
 */

const UNUSED: Readonly<Record<string, number>> = {
  ActiveScratchOrgs: 3,
  AnalyticsExternalDataSizeMB: 40_960,
  ConcurrentAsyncGetReportInstances: 200,
  ConcurrentEinsteinDataInsightsStoryCreation: 5,
  ConcurrentEinsteinDiscoveryStoryCreation: 2,
  ConcurrentSyncReportRuns: 20,
  DailyAnalyticsDataflowJobExecutions: 60,
  DailyAnalyticsUploadedFilesSizeMB: 51_200,
  DailyAsyncApexExecutions: 250_000,
  DailyAsyncApexTests: 500,
  DailyBulkApiBatches: 15_000,
  DailyBulkV2QueryFileStorageMB: 976_562,
  DailyBulkV2QueryJobs: 10_000,
  DailyDeliveredPlatformEvents: 50_000,
  DailyDurableGenericStreamingApiEvents: 10_000,
  DailyDurableStreamingApiEvents: 10_000,
  DailyEinsteinDataInsightsStoryCreation: 1_000,
  DailyEinsteinDiscoveryPredictAPICalls: 50_000,
  DailyEinsteinDiscoveryPredictionsByCDC: 500_000,
  DailyEinsteinDiscoveryStoryCreation: 100,
  DailyFunctionsApiCallLimit: 235_000,
  DailyGenericStreamingApiEvents: 10_000,
  DailyScratchOrgs: 6,
  DailyStandardVolumePlatformEvents: 10_000,
  DailyStreamingApiEvents: 10_000,
  DailyWorkflowEmails: 2_000,
  DataStorageMB: 5,
  DurableStreamingApiConcurrentClients: 20,
  FileStorageMB: 20,
  HourlyAsyncReportRuns: 1_200,
  HourlyDashboardRefreshes: 200,
  HourlyDashboardResults: 5_000,
  HourlyDashboardStatuses: 999_999_999,
  HourlyLongTermIdMapping: 100_000,
  HourlyManagedContentPublicRequests: 50_000,
  HourlyODataCallout: 10_000,
  HourlyPublishedPlatformEvents: 50_000,
  HourlyPublishedStandardVolumePlatformEvents: 1_000,
  HourlyShortTermIdMapping: 100_000,
  HourlySyncReportRuns: 500,
  HourlyTimeBasedWorkflow: 50,
  MassEmail: 10,
  MonthlyEinsteinDiscoveryStoryCreation: 500,
  MonthlyPlatformEventsUsageEntitlement: 0,
  Package2VersionCreates: 6,
  Package2VersionCreatesWithoutValidation: 500,
  PermissionSets: 1_500,
  PrivateConnectOutboundCalloutHourlyLimitMB: 0,
  PublishCallbackUsageInApex: 5_242_880,
  SingleEmail: 15,
  StreamingApiConcurrentClients: 20,
};

export function orgLimits(dailyApiRequests: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const limits: Record<string, unknown> = {};
  for (const [name, max] of Object.entries(UNUSED)) limits[name] = { Max: max, Remaining: max };
  return { ...limits, ...dailyApiRequests };
}

/**
 * GET /limits/recordCount?sObjects=A,B: the records of each object named (all objects when none
 * is), as the storage count reports them; deleted records still in the Recycle Bin are not counted.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_record_count.htm
 */
export function recordCount(context: RouteContext): { sObjects: { count: number; name: string }[] } {
  const asked = (context.req.query.get('sObjects') ?? '').split(',').filter((name) => name.trim() !== '');
  const schemas =
    asked.length === 0 ? context.actor.registry.all() : asked.map((name) => context.actor.registry.object(name.trim()));
  if (schemas.some((schema) => schema === undefined))
    throw badRequest('INVALID_TYPE', `sObjects names an object this org does not have: ${asked.join(', ')}`);
  return {
    sObjects: schemas.flatMap((schema) => {
      if (schema === undefined) return [];
      const count = context.actor.store.rows(schema.name).filter((row) => row['IsDeleted'] !== true).length;
      return [{ count, name: schema.name }];
    }),
  };
}
