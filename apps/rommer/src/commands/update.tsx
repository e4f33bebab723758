import { Command } from '../runtime/command.js';
import { updateSpec, type UpdateOptions } from '../command-runs/update-command.js';

export { description, options } from '../command-runs/update-command.js';

type Props = { options: UpdateOptions };

export default function Update({ options }: Props) {
  return <Command flags={options} {...updateSpec} />;
}
