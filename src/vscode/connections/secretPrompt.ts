// Finds the secret a connection asks for: the value stored for its own target, or, when there is none but
// a value of the same name was entered for another target, the person's answer to "send it here too?".
// A value kept from before secrets were bound to targets goes silently to a user connection (it was
// entered for it) and only with a yes to one a workspace defines.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../../core/connections/config';
import { targetId, targetOf } from '../../core/connections/identity';
import { describeSecretKey, Secrets } from './secrets';
import type { Origin } from './trust';
import { Cancelled, input, pick } from '../quickInput';

type Log = (level: 'info' | 'warn', message: string) => void;

const asking = new Map<string, Promise<string | undefined>>();

export function secretFor(secrets: Secrets, config: ConnectionConfig, key: string, origin: Origin, log: Log): Promise<string | undefined> {
  const id = `${key}@${targetId(config)}`;
  let pending = asking.get(id);
  if (!pending) {
    pending = find(secrets, config, key, origin, log).finally(() => asking.delete(id));
    asking.set(id, pending);
  }
  return pending;
}

async function find(secrets: Secrets, config: ConnectionConfig, key: string, origin: Origin, log: Log): Promise<string | undefined> {
  const own = await secrets.get(config, key);
  if (own !== undefined) return own;
  const others = await secrets.others(config, key);
  if (!others.length) return undefined;
  const what = describeSecretKey(key, config);
  const other = others[0];
  const target = targetOf(config);
  if (other.target === undefined && !origin.workspace) {
    await secrets.adopt(config, key, other.value);
    log('info', `The ${what} of "${config.name}" is from now on kept for ${target} only.`);
    return other.value;
  }
  const entered = other.target === undefined ? 'before this version kept secrets per target, for a connection of this name' : `for ${other.target}`;
  type Item = vscode.QuickPickItem & { answer: 'send' | 'enter' | 'no' };
  // The first row, which Enter takes, sends nothing that was entered for another target.
  const items: Item[] = [
    { label: '$(key) Enter a New Value', answer: 'enter', detail: `Type the value for ${target}; the other one stays where it is.` },
    { label: '$(arrow-right) Send It', answer: 'send', detail: `It was entered ${entered}.` },
    { label: '$(circle-slash) Do Not Send', answer: 'no', detail: 'Connect without it.' },
  ];
  let answer: Item['answer'] = 'no';
  try {
    answer = (await pick({
      title: `Send the ${what} of "${config.name}" to ${target}?`, items,
      placeholder: `"${config.name}" is defined in ${origin.label}. Settings in a repository can reuse a name to collect secrets.`,
    })).answer;
  } catch (e) {
    if (!(e instanceof Cancelled)) throw e;
  }
  if (answer === 'send') {
    if (other.target === undefined) await secrets.adopt(config, key, other.value); else await secrets.set(config, key, other.value);
    log('info', `The ${what} entered ${entered} is now also kept for ${target}, as you chose.`);
    return other.value;
  }
  if (answer === 'enter') {
    const value = (await input({
      title: `${config.name}: ${what}`, password: true,
      prompt: `The value to send to ${target}. It is kept in VS Code's secret storage for this target only.`,
      validate: v => (v.trim() ? undefined : 'Enter a value.'),
    }).catch((e: unknown) => { if (e instanceof Cancelled) return ''; throw e; })).trim();
    if (value) {
      await secrets.set(config, key, value);
      return value;
    }
  }
  log('warn', `The ${what} entered ${entered} was not sent to ${target}.`);
  return undefined;
}
