import type { ComponentPropsWithRef } from 'react';
import type { ButtonVariant } from './classes';
import { buttonVariants } from './classes';

type ButtonProps = ComponentPropsWithRef<'button'> & { variant?: ButtonVariant };

export function Button({ variant = 'secondary', className = '', type = 'button', ...props }: ButtonProps) {
  return <button type={type} className={`${buttonVariants[variant]} ${className}`} {...props} />;
}
