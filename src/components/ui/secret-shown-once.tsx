import { Alert } from './alert';
import { Button } from './button';
import { TextField } from './fields';

type SecretShownOnceProps = {
  title: string;
  /** What the secret is for and that it is shown only now. */
  children: string;
  label: string;
  secret: string;
  onDone: () => void;
};

/** A secret the API answers once (an API token, a webhook's signing secret): selectable, then put away. */
export function SecretShownOnce({ title, children, label, secret, onDone }: SecretShownOnceProps) {
  return (
    <div className="mb-6">
      <Alert tone="info" title={title}>
        <p>{children}</p>
        <TextField label={label} readOnly value={secret} onFocus={(event) => event.currentTarget.select()} />
        <Button className="mt-2" onClick={onDone}>
          I have stored it
        </Button>
      </Alert>
    </div>
  );
}
