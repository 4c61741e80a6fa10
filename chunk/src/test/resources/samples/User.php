<?php

namespace App\Models;

use Illuminate\Support\Str;

/**
 * A user.
 */
#[Entity]
class User extends Model implements HasName
{
    private string $name;

    public function __construct(string $name)
    {
        $this->name = $name;
    }

    /** Get name. */
    public function getName(): string
    {
        return $this->name;
    }
}

interface HasName
{
    public function getName(): string;
}

trait Greets
{
    public function greet() { return "hi"; }
}

enum Suit: string
{
    case Hearts = 'H';
}

function helper($x)
{
    return $x;
}
