// A check of SARIF objects against the required and allowed properties of the 2.1.0 schema.
import assert from 'node:assert/strict';

const SARIF_DEFINITIONS: Record<string, { required?: string[]; anyOf?: string[]; properties: string[] }> = {
  log: { required: ['version', 'runs'], properties: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'] },
  run: {
    required: ['tool'],
    properties: ['tool', 'invocations', 'conversion', 'language', 'versionControlProvenance', 'originalUriBaseIds', 'artifacts', 'logicalLocations', 'graphs', 'results', 'automationDetails', 'runAggregates', 'baselineGuid', 'redactionTokens', 'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences', 'columnKind', 'externalPropertyFileReferences', 'threadFlowLocations', 'taxonomies', 'addresses', 'translations', 'policies', 'webRequests', 'webResponses', 'specialLocations', 'properties'],
  },
  tool: { required: ['driver'], properties: ['driver', 'extensions', 'properties'] },
  toolComponent: {
    required: ['name'],
    properties: ['guid', 'name', 'organization', 'product', 'productSuite', 'shortDescription', 'fullDescription', 'fullName', 'version', 'semanticVersion', 'dottedQuadFileVersion', 'releaseDateUtc', 'downloadUri', 'informationUri', 'globalMessageStrings', 'notifications', 'rules', 'taxa', 'locations', 'language', 'contents', 'isComprehensive', 'localizedDataSemanticVersion', 'minimumRequiredLocalizedDataSemanticVersion', 'associatedComponent', 'translationMetadata', 'supportedTaxonomies', 'properties'],
  },
  reportingDescriptor: { required: ['id'], properties: ['id', 'deprecatedIds', 'guid', 'deprecatedGuids', 'name', 'deprecatedNames', 'shortDescription', 'fullDescription', 'messageStrings', 'defaultConfiguration', 'helpUri', 'help', 'relationships', 'properties'] },
  multiformatMessageString: { required: ['text'], properties: ['text', 'markdown', 'properties'] },
  result: {
    required: ['message'],
    properties: ['ruleId', 'ruleIndex', 'rule', 'kind', 'level', 'message', 'analysisTarget', 'locations', 'guid', 'correlationGuid', 'occurrenceCount', 'partialFingerprints', 'fingerprints', 'stacks', 'codeFlows', 'graphs', 'graphTraversals', 'relatedLocations', 'suppressions', 'baselineState', 'rank', 'attachments', 'hostedViewerUri', 'workItemUris', 'provenance', 'fixes', 'taxa', 'webRequest', 'webResponse', 'properties'],
  },
  message: { anyOf: ['text', 'id'], properties: ['text', 'markdown', 'id', 'arguments', 'properties'] },
  location: { properties: ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties'] },
  physicalLocation: { anyOf: ['address', 'artifactLocation'], properties: ['address', 'artifactLocation', 'region', 'contextRegion', 'properties'] },
  artifactLocation: { properties: ['uri', 'uriBaseId', 'index', 'description', 'properties'] },
  region: { anyOf: ['startLine', 'charOffset', 'byteOffset'], properties: ['startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength', 'byteOffset', 'byteLength', 'snippet', 'message', 'sourceLanguage', 'properties'] },
  artifact: { properties: ['description', 'location', 'parentIndex', 'offset', 'length', 'roles', 'mimeType', 'contents', 'encoding', 'sourceLanguage', 'hashes', 'lastModifiedTimeUtc', 'properties'] },
  invocation: {
    required: ['executionSuccessful'],
    properties: ['commandLine', 'arguments', 'responseFiles', 'startTimeUtc', 'endTimeUtc', 'exitCode', 'ruleConfigurationOverrides', 'notificationConfigurationOverrides', 'toolExecutionNotifications', 'toolConfigurationNotifications', 'exitCodeDescription', 'exitSignalName', 'exitSignalNumber', 'processStartFailureMessage', 'executionSuccessful', 'machine', 'account', 'processId', 'executableLocation', 'workingDirectory', 'environmentVariables', 'stdin', 'stdout', 'stderr', 'stdoutStderr', 'properties'],
  },
  notification: { required: ['message'], properties: ['locations', 'message', 'level', 'threadId', 'timeUtc', 'exception', 'descriptor', 'associatedRule', 'properties'] },
};

function checkObject(value: unknown, definition: string, where: string): Record<string, any> {
  const rules = SARIF_DEFINITIONS[definition]!;
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `${where}: ${definition} is an object`);
  const object = value as Record<string, any>;
  for (const key of rules.required ?? []) assert.ok(key in object, `${where}: ${definition} requires '${key}'`);
  if (rules.anyOf) assert.ok(rules.anyOf.some((key) => key in object), `${where}: ${definition} needs one of ${rules.anyOf.join(', ')}`);
  for (const key of Object.keys(object)) assert.ok(rules.properties.includes(key), `${where}: ${definition} allows no property '${key}'`);
  if ('properties' in object) assert.ok(typeof object.properties === 'object' && !Array.isArray(object.properties), `${where}.properties is a property bag`);
  return object;
}

function checkLocation(value: unknown, where: string): void {
  const location = checkObject(value, 'location', where);
  if (location.message) checkObject(location.message, 'message', `${where}.message`);
  if (!location.physicalLocation) return;
  const physical = checkObject(location.physicalLocation, 'physicalLocation', `${where}.physicalLocation`);
  const artifact = checkObject(physical.artifactLocation, 'artifactLocation', `${where}.artifactLocation`);
  assert.equal(typeof artifact.uri, 'string');
  assert.doesNotMatch(artifact.uri, /[\s<>\\]/, 'uri is a URI reference');
  if (physical.region) {
    const region = checkObject(physical.region, 'region', `${where}.region`);
    for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
      if (key in region) assert.ok(Number.isInteger(region[key]) && region[key] >= 1, `${where}.region.${key} is an integer >= 1`);
    }
  }
}

export function validateSarif(log: unknown): void {
  const root = checkObject(log, 'log', 'log');
  assert.equal(root.version, '2.1.0');
  assert.ok(Array.isArray(root.runs));
  root.runs.forEach((runValue: unknown, r: number) => {
    const run = checkObject(runValue, 'run', `runs[${r}]`);
    const tool = checkObject(run.tool, 'tool', `runs[${r}].tool`);
    const driver = checkObject(tool.driver, 'toolComponent', `runs[${r}].tool.driver`);
    (driver.rules ?? []).forEach((rule: unknown, i: number) => {
      const descriptor = checkObject(rule, 'reportingDescriptor', `rules[${i}]`);
      if (descriptor.shortDescription) checkObject(descriptor.shortDescription, 'multiformatMessageString', `rules[${i}].shortDescription`);
    });
    assert.ok(Array.isArray(run.results), 'results is present for a scan');
    run.results.forEach((resultValue: unknown, i: number) => {
      const result = checkObject(resultValue, 'result', `results[${i}]`);
      checkObject(result.message, 'message', `results[${i}].message`);
      assert.ok(['none', 'note', 'warning', 'error'].includes(result.level));
      if ('ruleIndex' in result) assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
      (result.locations ?? []).forEach((location: unknown, k: number) => checkLocation(location, `results[${i}].locations[${k}]`));
      (result.relatedLocations ?? []).forEach((location: unknown, k: number) => checkLocation(location, `results[${i}].relatedLocations[${k}]`));
    });
    (run.artifacts ?? []).forEach((artifact: unknown, i: number) => {
      const checked = checkObject(artifact, 'artifact', `artifacts[${i}]`);
      checkObject(checked.location, 'artifactLocation', `artifacts[${i}].location`);
    });
    (run.invocations ?? []).forEach((invocationValue: unknown, i: number) => {
      const invocation = checkObject(invocationValue, 'invocation', `invocations[${i}]`);
      assert.equal(typeof invocation.executionSuccessful, 'boolean');
      for (const list of ['toolExecutionNotifications', 'toolConfigurationNotifications']) {
        (invocation[list] ?? []).forEach((notificationValue: unknown, k: number) => {
          const notification = checkObject(notificationValue, 'notification', `invocations[${i}].${list}[${k}]`);
          checkObject(notification.message, 'message', `${list}[${k}].message`);
          (notification.locations ?? []).forEach((location: unknown, l: number) => checkLocation(location, `${list}[${k}].locations[${l}]`));
        });
      }
    });
    if ('columnKind' in run) assert.ok(['utf16CodeUnits', 'unicodeCodePoints'].includes(run.columnKind));
  });
}
