import { Topics, consumedByPlatform, deadLetterTopicOf, topicCatalogue, topicVersion, topicsToProvision } from './topics';

describe('topic catalogue', () => {
  it('names every topic <context>.<entity>.<event>.v<N>', () => {
    for (const topic of topicCatalogue) expect(topic.name).toMatch(/^[a-z-]+\.[a-z-]+\.[a-z-]+\.v\d+$/);
  });

  it('reads the version from the name', () => {
    expect(topicVersion(Topics.arrivalRecorded.name)).toBe(1);
  });

  it('provisions a dead-letter topic beside each consumed topic', () => {
    const names = topicsToProvision().map((topic) => topic.name);
    for (const topic of topicCatalogue.filter(consumedByPlatform)) expect(names).toContain(deadLetterTopicOf(topic.name));
    // France consumes the request itself; its dead letters are its own.
    expect(names).not.toContain(deadLetterTopicOf(Topics.readmissionRequestSent.name));
    expect(new Set(names).size).toBe(names.length);
  });
});
