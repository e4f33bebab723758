import { Text } from 'ink';

export const description =
  'Keep a ROM-preservation DAT library current: fetch DATs from their publishers and catalogue them. Run `rommer update --help` to start.';

export default function Index() {
  return <Text>rommer: run `rommer update --list-sources` to see the sources, `rommer --help` for every command.</Text>;
}
